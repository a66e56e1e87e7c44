/**
 * One renderer per kind of input (the Settings editor's model): number inputs showing their range, selects
 * for enums, checkboxes, text fields, a seed with "Random", JSON in a checked text area, and a placeholder
 * for media inputs. Every control has a visible label, its description as text (never HTML: schema text is
 * not ours) and an error line tied to it with `aria-describedby`.
 */
import * as l10n from '@vscode/l10n';
import type { FormControl } from '../studio/formControls';
import { jsonInput, RANDOM_SEED, rangeText, type ControlValue } from '../studio/formValues';
import { el } from './dom';
import { referencesView, type ReferencesHost } from './referencesArea';

/** A rendered control: its row in the form, what it holds, and where its message goes. */
export interface ControlView {
  control: FormControl;
  element: HTMLElement;
  /** What takes focus when the control's value is wrong. */
  focusTarget: HTMLElement;
  read(): ControlValue | undefined;
  write(value: ControlValue | undefined): void;
  setError(message: string | undefined): void;
  /** An inline check the value needs before it is worth sending (JSON syntax); the rest is checked on Generate. */
  localError(): string | undefined;
}

export interface ControlEvents {
  changed(): void;
  left(name: string): void;
  /** The list behind the model's references area (the image input references are sent in). */
  references?: ReferencesHost;
}

/** The element id of a control's input; schema names may hold any character, ids may not. */
export function controlId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

export function renderControl(control: FormControl, events: ControlEvents): ControlView {
  const id = controlId(control.name);
  const error = el('div', { className: 'error', attrs: { id: `${id}-error`, role: 'alert' } });
  const hintText = hintOf(control);
  const hint = hintText ? el('div', { className: 'hint', text: hintText, attrs: { id: `${id}-range` } }) : undefined;
  const description = control.description.trim()
    ? el('div', { className: 'hint description', text: control.description.trim(), attrs: { id: `${id}-description` } })
    : undefined;
  const describedBy = [hint && `${id}-range`, description && `${id}-description`, `${id}-error`].filter(Boolean).join(' ');
  const label = el('label', { text: control.title, attrs: { for: id } });
  const field = el('div', { className: `field field-${control.kind}`, attrs: { 'data-name': control.name } });
  const setError = (input: HTMLElement) => (message: string | undefined) => {
    error.textContent = message ?? '';
    input.setAttribute('aria-invalid', String(Boolean(message)));
  };
  const listen = (input: HTMLElement) => {
    input.addEventListener('input', () => events.changed());
    input.addEventListener('change', () => events.changed());
    input.addEventListener('blur', () => events.left(control.name));
  };
  const common = (input: HTMLElement) => {
    input.id = id;
    input.setAttribute('aria-describedby', describedBy);
    if (control.required) input.setAttribute('aria-required', 'true');
    listen(input);
  };

  switch (control.kind) {
    case 'integer':
    case 'number': {
      const input = el('input', { attrs: { type: 'number', inputmode: control.kind === 'integer' ? 'numeric' : 'decimal' } });
      if (control.min !== undefined) input.min = String(control.min);
      if (control.max !== undefined) input.max = String(control.max);
      input.step = control.step !== undefined ? String(control.step) : 'any';
      common(input);
      field.append(label, input, ...[hint, description].filter(isNode), error);
      return textView(control, field, input, setError(input));
    }
    case 'string': {
      const input = el('input', { attrs: { type: 'text', spellcheck: 'false' } });
      if (control.maxLength !== undefined) input.maxLength = control.maxLength;
      common(input);
      field.append(label, input, ...[hint, description].filter(isNode), error);
      return textView(control, field, input, setError(input));
    }
    case 'enum': {
      const select = el('select');
      if (!control.required && control.default === undefined) select.append(el('option', { text: l10n.t('Model default'), attrs: { value: '' } }));
      for (const option of control.options) select.append(el('option', { text: String(option), attrs: { value: String(option) } }));
      common(select);
      field.append(label, select, ...[hint, description].filter(isNode), error);
      return {
        ...textView(control, field, select, setError(select)),
        write: (value) => {
          select.value = typeof value === 'string' ? value : '';
          if (select.selectedIndex < 0) select.selectedIndex = 0;
        },
      };
    }
    case 'boolean': {
      const input = el('input', { attrs: { type: 'checkbox' } });
      common(input);
      field.classList.add('field-check');
      field.append(el('div', { className: 'check-row' }, input, label), ...[description].filter(isNode), error);
      return {
        control,
        element: field,
        focusTarget: input,
        read: () => input.checked,
        write: (value) => (input.checked = value === true),
        setError: setError(input),
        localError: () => undefined,
      };
    }
    case 'seed':
      return seedView(control, { id, field, label, hint, description, error, describedBy, listen, setError });
    case 'json': {
      const area = el('textarea', { className: 'json', attrs: { rows: '4', spellcheck: 'false' } });
      common(area);
      field.append(label, area, ...[hint, description].filter(isNode), error);
      const view = textView(control, field, area, setError(area));
      return { ...view, localError: () => (area.value.trim() === '' ? undefined : errorOf(jsonInput(control.title, area.value))) };
    }
    case 'media': {
      if (control.references && events.references) return referencesView(control, events.references, { id, field, description, error, describedBy });
      // A focusable, labelled placeholder: keyboard and screen-reader users learn the input exists and why
      // it cannot be filled yet. Later work (reference images) replaces it with a file picker.
      const text = !control.multiple
        ? l10n.t('This model takes an {0} file. Attaching files from the Studio is coming; this field is not sent.', control.mediaType)
        : control.maxItems !== undefined
          ? l10n.t('This model takes {0} files (up to {1}). Attaching files from the Studio is coming; this field is not sent.', control.mediaType, control.maxItems)
          : l10n.t('This model takes {0} files. Attaching files from the Studio is coming; this field is not sent.', control.mediaType);
      const note = el('div', {
        className: 'media-placeholder',
        text,
        attrs: { tabindex: '0', role: 'note' },
      });
      note.id = id;
      note.setAttribute('aria-labelledby', `${id}-label`);
      note.setAttribute('aria-describedby', describedBy);
      const title = el('div', { className: 'label', text: control.title, attrs: { id: `${id}-label` } });
      field.append(title, note, ...[description].filter(isNode), error);
      return { control, element: field, focusTarget: note, read: () => undefined, write: () => undefined, setError: setError(note), localError: () => undefined };
    }
    case 'prompt':
      throw new Error('the prompt is the form’s own textarea');
  }
}

interface SeedParts {
  id: string;
  field: HTMLElement;
  label: HTMLLabelElement;
  hint: HTMLElement | undefined;
  description: HTMLElement | undefined;
  error: HTMLElement;
  describedBy: string;
  listen(input: HTMLElement): void;
  setError(input: HTMLElement): (message: string | undefined) => void;
}

/** A seed: "Random" (checked by default, a fresh seed per image) or a fixed number to repeat a picture. */
function seedView(control: Extract<FormControl, { kind: 'seed' }>, parts: SeedParts): ControlView {
  const { id, field, label, hint, description, error, describedBy } = parts;
  const input = el('input', { attrs: { type: 'number', inputmode: 'numeric', step: '1', placeholder: l10n.t('Random') } });
  input.id = id;
  input.setAttribute('aria-describedby', describedBy);
  if (control.min !== undefined) input.min = String(control.min);
  if (control.max !== undefined) input.max = String(control.max);
  const random = el('input', { attrs: { type: 'checkbox', id: `${id}-random` } });
  const randomLabel = el('label', { text: l10n.t('Random'), attrs: { for: `${id}-random` } });
  random.addEventListener('change', () => {
    input.disabled = random.checked;
    if (!random.checked) input.focus();
  });
  parts.listen(input);
  parts.listen(random);
  field.append(label, el('div', { className: 'seed-row' }, input, el('span', { className: 'check-row' }, random, randomLabel)), ...[hint, description].filter(isNode), error);
  return {
    control,
    element: field,
    focusTarget: input,
    read: () => (random.checked ? RANDOM_SEED : input.value),
    write: (value) => {
      random.checked = value === undefined || value === RANDOM_SEED;
      input.value = random.checked || typeof value !== 'string' ? '' : value;
      input.disabled = random.checked;
    },
    setError: parts.setError(input),
    localError: () => undefined,
  };
}

function textView(control: FormControl, element: HTMLElement, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, setError: (m: string | undefined) => void): ControlView {
  return {
    control,
    element,
    focusTarget: input,
    read: () => input.value,
    write: (value) => (input.value = typeof value === 'string' ? value : ''),
    setError,
    localError: () => undefined,
  };
}

/** The line under the label: the allowed range, or what the value is. */
function hintOf(control: FormControl): string {
  switch (control.kind) {
    case 'integer':
    case 'number':
      return rangeText(control);
    case 'seed':
      return rangeText(control) ? l10n.t('Any whole number {0}, or Random', rangeText(control)) : l10n.t('Any whole number, or Random');
    case 'json':
      return 'JSON';
    case 'string':
      return control.maxLength !== undefined ? l10n.t('Up to {0} characters', control.maxLength) : '';
    default:
      return '';
  }
}

function errorOf(result: { value: unknown } | { error: string }): string | undefined {
  return 'error' in result ? result.error : undefined;
}

function isNode<T extends Node>(node: T | undefined): node is T {
  return node !== undefined;
}
