/**
 * The references area: the model's image input as the images it will start from. "Add from Workspace…"
 * asks the host for a quick pick; files dragged from the Explorer (Shift held, as VS Code requires for a
 * webview) are dropped here; each image shows a small thumbnail with a Remove button, and the limits
 * ("2 of 10 · PNG, JPEG or WebP · up to 6 MiB each") are always in view. The list itself lives in the form's
 * state; this only shows it and says what the user did.
 */
import * as l10n from '@vscode/l10n';
import { parseUriList, URI_LIST_TYPES } from '../studio/droppedUris';
import type { FormControl } from '../studio/formControls';
import { referenceLimitsText, sizeText, type ReferenceItem } from '../studio/referenceList';
import type { ControlView } from './controls';
import { el, icon, iconButton, textButton } from './dom';

/** What the area asks of the form that owns the list. */
export interface ReferencesHost {
  items(): readonly ReferenceItem[];
  /** "Add from Workspace…": the host shows its quick pick. */
  add(): void;
  drop(uris: string[]): void;
  remove(path: string): void;
}

/** The parts every control shares (see `renderControl`). */
export interface ReferencesParts {
  id: string;
  field: HTMLElement;
  description: HTMLElement | undefined;
  error: HTMLElement;
  describedBy: string;
}

type MediaControl = Extract<FormControl, { kind: 'media' }>;

/** A rendered references area; `render()` shows the list again after it changed. */
export interface ReferencesView extends ControlView {
  render(): void;
}

export function referencesView(control: MediaControl, host: ReferencesHost, parts: ReferencesParts): ReferencesView {
  const limits = control.references!;
  const { id, field, description, error, describedBy } = parts;
  const title = el('div', { className: 'label', text: control.title, attrs: { id: `${id}-label` } });
  const limitsLine = el('div', { className: 'hint references-limits', attrs: { id: `${id}-limits` } });
  const list = el('ul', { className: 'references-list', attrs: { 'aria-labelledby': `${id}-label` } });
  const addButton = textButton('add', l10n.t('Add from Workspace…'), () => host.add(), 'secondary');
  addButton.id = id;
  addButton.setAttribute('aria-describedby', `${id}-limits ${describedBy}`);
  const dropHint = el('span', { className: 'hint', text: l10n.t('or drag images from the Explorer here with Shift held') });
  const zone = el('div', { className: 'references-zone', attrs: { 'aria-labelledby': `${id}-label`, role: 'group' } }, list, el('div', { className: 'references-actions' }, addButton, dropHint));
  field.classList.add('field-references');
  field.append(title, limitsLine, zone, ...[description].filter((d): d is HTMLElement => d !== undefined), error);

  // A drop needs dragover's preventDefault, or the webview navigates to the file instead.
  zone.addEventListener('dragover', (event) => {
    if (!event.dataTransfer || !hasUriList(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('drop-target');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drop-target'));
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('drop-target');
    if (!event.dataTransfer) return;
    event.preventDefault();
    const text = URI_LIST_TYPES.map((type) => event.dataTransfer!.getData(type)).find((data) => data.trim() !== '') ?? '';
    const uris = parseUriList(text);
    if (uris.length > 0) host.drop(uris);
  });

  const render = () => {
    const items = host.items();
    limitsLine.textContent = referenceLimitsText(items.length, limits);
    list.replaceChildren(...items.map((item) => referenceTile(item, () => host.remove(item.path))));
    list.hidden = items.length === 0;
    addButton.disabled = items.length >= limits.maxItems;
    addButton.title = addButton.disabled ? (limits.maxItems === 1 ? l10n.t('This model takes one image; remove it to add another.') : l10n.t('This model takes at most {0} images; remove one to add another.', limits.maxItems)) : l10n.t('Pick a PNG, JPEG or WebP image from the workspace');
  };
  render();
  return {
    control,
    element: field,
    focusTarget: addButton,
    read: () => undefined,
    write: () => undefined,
    setError: (message) => {
      error.textContent = message ?? '';
      addButton.setAttribute('aria-invalid', String(Boolean(message)));
    },
    localError: () => undefined,
    render,
  };
}

function referenceTile(item: ReferenceItem, remove: () => void): HTMLLIElement {
  const thumb = el('div', { className: 'reference-thumb' });
  if (item.src) {
    const img = el('img', { attrs: { alt: item.name, loading: 'lazy', decoding: 'async' } });
    img.src = item.src;
    thumb.append(img);
  } else {
    thumb.append(icon('file-media'));
  }
  return el(
    'li',
    { className: 'reference', attrs: { 'data-path': item.path, title: item.path } },
    thumb,
    el('div', { className: 'reference-caption' }, el('span', { className: 'reference-name', text: item.name }), el('span', { className: 'hint', text: `${item.width}×${item.height} · ${sizeText(item.bytes)}` })),
    iconButton('close', l10n.t('Remove {0} from the references', item.name), remove, 'reference-remove'),
  );
}

function hasUriList(transfer: DataTransfer): boolean {
  return [...transfer.types].some((type) => (URI_LIST_TYPES as readonly string[]).includes(type) || type === 'Files');
}
