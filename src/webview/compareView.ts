/**
 * Before/after of an edit, inside the Studio: the first reference image and the result side by side, each
 * scaled to fit and labelled, in a modal dialog (Escape or Close returns to the tile's Compare button).
 * Side by side rather than a slider: the two may differ in size and shape, and both stay fully visible.
 */
import * as l10n from '@vscode/l10n';
import type { GalleryTile } from '../studio/protocol';
import { el, textButton } from './dom';
import { shorten } from './format';

export function showCompare(tile: GalleryTile, opener: HTMLElement): void {
  if (!tile.reference || !tile.src) return;
  document.getElementById('compare')?.remove();
  const dialog = el('dialog', { className: 'compare', attrs: { id: 'compare', 'aria-labelledby': 'compare-title' } });
  const figure = (label: string, name: string, src: string, alt: string) => {
    const img = el('img', { attrs: { alt } });
    img.src = src;
    return el('figure', { className: 'compare-side' }, el('div', { className: 'compare-frame' }, img), el('figcaption', {}, el('strong', { text: label }), ` ${name}`));
  };
  const close = () => dialog.close();
  dialog.append(
    el(
      'div',
      { className: 'compare-header' },
      el('h2', { text: l10n.t('Before and after'), attrs: { id: 'compare-title' } }),
      textButton('close', l10n.t('Close'), close, 'secondary'),
    ),
    el('p', { className: 'compare-prompt', text: shorten(tile.prompt, 300) }),
    el(
      'div',
      { className: 'compare-pair' },
      figure('Before', tile.reference.name, tile.reference.src, `Before: ${tile.reference.name}`),
      figure('After', tile.name ?? '', tile.src, `After: ${shorten(tile.prompt, 120)}`),
    ),
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener.isConnected) opener.focus();
  });
  // A click on the backdrop (the dialog itself, outside its content) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) close();
  });
  document.body.append(dialog);
  dialog.showModal();
}
