import * as l10n from '@vscode/l10n';
import type { GalleryTile, StagedGroup } from '../studio/protocol';
import { byId, el, focusToolbar, icon, iconButton, rovingToolbar, textButton } from './dom';
import { agoText, shorten } from './format';
import { vscode } from './vscodeApi';

/** Tiles built before the first paint; the rest follow in chunks so a long history never blocks. */
const FIRST_CHUNK = 24;
const CHUNK = 48;

export interface GalleryCallbacks {
  regenerate(tile: GalleryTile): void;
  /** "Use as reference": the tile's image goes into the references area. */
  useAsReference(tile: GalleryTile): void;
  /** "Compare": an edit's first reference beside its result; `opener` takes the focus back. */
  compare(tile: GalleryTile, opener: HTMLElement): void;
}

interface Rendered {
  signature: string;
  node: HTMLLIElement;
}

/**
 * The history grid and the staged variants. Tiles are keyed, so an update touches only what changed and
 * keyboard focus stays where it was; when the focused tile goes (deleted), focus moves to its neighbour.
 */
export class Gallery {
  private readonly list = byId<HTMLUListElement>('gallery');
  private readonly empty = byId('history-empty');
  private readonly count = byId('history-count');
  private readonly stagedSection = byId('staged-section');
  private readonly staged = byId('staged');
  private readonly tiles = new Map<string, Rendered>();
  private renderToken = 0;
  private firstPaintMarked = false;

  constructor(private readonly callbacks: GalleryCallbacks) {}

  renderHistory(history: readonly GalleryTile[]): void {
    const token = ++this.renderToken;
    const focusIndex = this.focusedIndex();
    const now = Date.now();
    const nodes: HTMLLIElement[] = [];
    const step = (budget: number) => {
      if (token !== this.renderToken) return; // a newer update took over
      const end = Math.min(history.length, nodes.length + budget);
      for (let i = nodes.length; i < end; i++) nodes.push(this.nodeFor(history[i]!, now));
      this.place(nodes);
      if (nodes.length < history.length) {
        setTimeout(() => step(CHUNK), 0);
        return;
      }
      this.removeStale(history, focusIndex);
      performance.mark('studio:gallery-complete');
    };
    step(FIRST_CHUNK);
    if (!this.firstPaintMarked) {
      this.firstPaintMarked = true;
      performance.mark('studio:gallery-first-chunk');
    }
    this.empty.hidden = history.length > 0;
    this.count.textContent = history.length > 0 ? `(${history.length})` : '';
  }

  renderStaged(groups: readonly StagedGroup[]): void {
    const hadFocus = this.staged.contains(document.activeElement);
    this.staged.replaceChildren(
      ...groups.map((group) =>
        el(
          'div',
          { className: 'staged-group', attrs: { role: 'group', 'aria-label': l10n.t('Variants of “{0}”', shorten(group.prompt, 60)) } },
          el('p', { className: 'staged-prompt', text: group.prompt }),
          el('ul', { className: 'staged-row' }, ...group.tiles.map((tile) => this.stagedTile(tile))),
        ),
      ),
    );
    this.stagedSection.hidden = groups.length === 0;
    if (hadFocus && !focusToolbar(this.staged.querySelector('[role="toolbar"]'))) focusToolbar(this.list.querySelector('[role="toolbar"]'));
  }

  private nodeFor(tile: GalleryTile, now: number): HTMLLIElement {
    const signature = JSON.stringify(tile);
    const existing = this.tiles.get(tile.key);
    if (existing && existing.signature === signature) return existing.node;
    const node = this.historyTile(tile, now);
    if (existing?.node.contains(document.activeElement)) queueMicrotask(() => focusToolbar(node));
    existing?.node.replaceWith(node);
    this.tiles.set(tile.key, { signature, node });
    return node;
  }

  /** Puts `nodes` first in the list, in order, moving only nodes that are out of place. */
  private place(nodes: readonly HTMLLIElement[]): void {
    nodes.forEach((node, index) => {
      if (this.list.children[index] !== node) this.list.insertBefore(node, this.list.children[index] ?? null);
    });
  }

  private removeStale(history: readonly GalleryTile[], focusIndex: number): void {
    const keep = new Set(history.map((t) => t.key));
    let lostFocus = false;
    for (const [key, rendered] of this.tiles) {
      if (keep.has(key)) continue;
      lostFocus ||= rendered.node.contains(document.activeElement);
      rendered.node.remove();
      this.tiles.delete(key);
    }
    if (lostFocus && focusIndex >= 0) {
      const next = this.list.children[Math.min(focusIndex, this.list.children.length - 1)];
      if (!focusToolbar(next)) byId('prompt').focus();
    }
  }

  private focusedIndex(): number {
    return [...this.list.children].findIndex((child) => child.contains(document.activeElement));
  }

  private historyTile(tile: GalleryTile, now: number): HTMLLIElement {
    const name = tile.name ?? shorten(tile.prompt, 40);
    const post = (type: 'open' | 'reveal' | 'insert' | 'copyLink' | 'delete') => () => vscode.postMessage({ type, jobId: tile.jobId, file: tile.file ?? 0 });
    const buttons: HTMLButtonElement[] = [];
    if (tile.outcome === 'saved' && !tile.missing) {
      buttons.push(
        iconButton('go-to-file', l10n.t('Open {0}', name), post('open')),
        iconButton('folder-opened', l10n.t('Reveal {0} in Explorer', name), post('reveal')),
        iconButton('insert', l10n.t('Insert {0} into the editor', name), post('insert')),
        iconButton('link', l10n.t('Copy Markdown link to {0}', name), post('copyLink')),
        ...this.referenceButtons(tile, name),
      );
    }
    buttons.push(
      iconButton('copy', l10n.t('Copy prompt'), () => vscode.postMessage({ type: 'copyPrompt', jobId: tile.jobId })),
      iconButton('refresh', l10n.t('Regenerate: put this prompt and size in the form'), () => this.callbacks.regenerate(tile)),
    );
    if (tile.outcome === 'saved') {
      buttons.push(iconButton('trash', tile.missing ? l10n.t('Remove {0} from the history', name) : l10n.t('Delete {0} (to the trash)', name), post('delete'), 'danger'));
    } else {
      buttons.push(iconButton('trash', l10n.t('Remove from the history'), () => vscode.postMessage({ type: 'removeEntry', jobId: tile.jobId }), 'danger'));
    }
    const toolbar = rovingToolbar(el('div', { className: 'toolbar' }, ...buttons), l10n.t('Actions for {0}', name));
    const meta = [
      tile.width && tile.height ? `${tile.width}×${tile.height}` : '',
      tile.steps !== undefined && !tile.offline ? `${tile.steps} steps` : '',
      tile.offline ? 'offline' : '',
      agoText(tile.finishedAt, now),
    ].filter(Boolean);
    return el(
      'li',
      { className: `tile tile-${tile.outcome}${tile.missing ? ' tile-missing' : ''}`, attrs: { 'data-key': tile.key } },
      this.thumbnail(tile),
      el(
        'div',
        { className: 'caption' },
        el('p', { className: 'prompt', text: tile.prompt, attrs: { title: tile.prompt } }),
        el('p', { className: 'meta', text: meta.join(' · ') }),
        // Its own line: the meta line is cut short on narrow tiles, and the cost must always show whole.
        tile.cost ? el('p', { className: 'tile-cost', text: tile.cost }) : '',
        tile.outcome !== 'saved'
          ? el('p', { className: 'tile-error', text: tile.error ?? (tile.outcome === 'detached' ? l10n.t('Stopped waiting') : l10n.t('Failed')) })
          : el('p', { className: 'path', text: tile.relativePath ?? '', attrs: { title: tile.relativePath } }),
      ),
      toolbar,
    );
  }

  /** "Use as reference" on every saved image; "Compare" on an edit whose reference can still be shown. */
  private referenceButtons(tile: GalleryTile, name: string): HTMLButtonElement[] {
    const use = iconButton('references', l10n.t('Use {0} as a reference image', name), () => this.callbacks.useAsReference(tile), 'use-reference');
    if (!tile.reference) return [use];
    const compare: HTMLButtonElement = iconButton('diff', l10n.t('Compare {0} with {1}', name, tile.reference.name), () => this.callbacks.compare(tile, compare), 'compare');
    return [compare, use];
  }

  private stagedTile(tile: GalleryTile): HTMLLIElement {
    const ref = { jobId: tile.jobId, file: tile.file ?? 0 };
    const name = tile.name ?? 'variant';
    const toolbar = rovingToolbar(
      el(
        'div',
        { className: 'toolbar staged-toolbar' },
        textButton('check', l10n.t('Keep'), () => vscode.postMessage({ type: 'keep', ...ref }), 'primary', l10n.t('Keep {0}: copy it into the workspace', name)),
        textButton('close', l10n.t('Discard'), () => vscode.postMessage({ type: 'discard', ...ref }), 'secondary', l10n.t('Discard {0}', name)),
        iconButton('go-to-file', l10n.t('Open {0}', name), () => vscode.postMessage({ type: 'open', ...ref })),
      ),
      l10n.t('Variant {0}', name),
    );
    const cost = tile.cost ? el('p', { className: 'tile-cost staged-cost', text: tile.cost }) : '';
    return el('li', { className: 'tile staged-tile', attrs: { 'data-key': tile.key } }, this.thumbnail(tile), cost, toolbar);
  }

  private thumbnail(tile: GalleryTile): HTMLElement {
    const frame = el('div', { className: 'thumb' });
    if (tile.outcome !== 'saved') {
      frame.append(el('div', { className: 'thumb-note' }, icon(tile.outcome === 'detached' ? 'watch' : 'error'), el('span', { text: tile.outcome === 'detached' ? l10n.t('Stopped waiting') : l10n.t('Failed') })));
    } else if (tile.missing) {
      frame.append(el('div', { className: 'thumb-note' }, icon('warning'), el('span', { text: l10n.t('File missing') })));
    } else if (tile.src) {
      const img = el('img', { attrs: { loading: 'lazy', decoding: 'async', alt: shorten(tile.prompt, 120) } });
      if (tile.width && tile.height) {
        img.width = tile.width;
        img.height = tile.height;
      }
      img.src = tile.src;
      frame.append(img);
    } else {
      frame.append(el('div', { className: 'thumb-note' }, icon('file-media'), el('span', { text: l10n.t('Outside the workspace: no preview') })));
    }
    return frame;
  }
}
