/**
 * Tiny DOM helpers. Text only ever goes in through `textContent` and attributes through `setAttribute`:
 * nothing from a message is parsed as HTML, so a prompt like `<img src=x onerror=…>` shows literally.
 */

type Child = Node | string | null | undefined | false;

export interface ElementProps {
  className?: string;
  text?: string;
  attrs?: Record<string, string | undefined>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A codicon, hidden from screen readers (the control carries the label). */
export function icon(name: string, extra = ''): HTMLSpanElement {
  return el('span', { className: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the Studio page`);
  return node as T;
}

/** An icon-only button: the label is its accessible name and its tooltip. */
export function iconButton(iconName: string, label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const button = el('button', { className: `icon-button ${className}`.trim(), attrs: { type: 'button', 'aria-label': label, title: label } }, icon(iconName));
  button.addEventListener('click', onClick);
  return button;
}

/** A button with an icon and visible text. */
export function textButton(iconName: string, text: string, onClick: () => void, className = '', label?: string): HTMLButtonElement {
  const button = el('button', { className: `text-button ${className}`.trim(), attrs: { type: 'button', 'aria-label': label } }, icon(iconName), el('span', { text }));
  button.addEventListener('click', onClick);
  return button;
}

/**
 * Makes a group of buttons one Tab stop: arrow keys, Home and End move between them (the WAI-ARIA toolbar
 * pattern), so 200 gallery tiles do not mean 1,400 Tab presses.
 */
export function rovingToolbar(toolbar: HTMLElement, label: string): HTMLElement {
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', label);
  const buttons = () => [...toolbar.querySelectorAll<HTMLButtonElement>('button')];
  buttons().forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
  toolbar.addEventListener('keydown', (event) => {
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (index + 1) % all.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (index - 1 + all.length) % all.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? all.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    all[index]!.tabIndex = -1;
    all[next]!.tabIndex = 0;
    all[next]!.focus();
  });
  return toolbar;
}

/** Focuses the toolbar's current Tab stop. */
export function focusToolbar(toolbar: Element | null | undefined): boolean {
  const target = toolbar?.querySelector<HTMLButtonElement>('button[tabindex="0"]') ?? toolbar?.querySelector<HTMLButtonElement>('button');
  target?.focus();
  return Boolean(target);
}
