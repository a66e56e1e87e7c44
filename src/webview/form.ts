import { isOffline, rangesFor, rangeText, validateForm, type FieldErrors, type FormField } from '../studio/formRules';
import type { FormValues, StudioConfig } from '../studio/protocol';
import { byId, el, icon } from './dom';
import { vscode } from './vscodeApi';

const FIELDS: readonly FormField[] = ['prompt', 'width', 'height', 'steps'];

/**
 * The generate form: values kept in the webview state (so they survive reloads), inline range messages
 * from the model's schema, presets, Ctrl/Cmd+Enter, and the no-token banner.
 */
export class GenerateForm {
  private readonly form = byId<HTMLFormElement>('form');
  private readonly prompt = byId<HTMLTextAreaElement>('prompt');
  private readonly width = byId<HTMLInputElement>('width');
  private readonly height = byId<HTMLInputElement>('height');
  private readonly steps = byId<HTMLInputElement>('steps');
  private readonly variants = byId<HTMLSelectElement>('variants');
  private readonly model = byId('model');
  private readonly banner = byId('banner');
  private readonly presets = [...document.querySelectorAll<HTMLButtonElement>('.preset')];
  private config: StudioConfig | undefined;
  private values: FormValues;
  /** Fields the user has left (or tried to submit): only those show messages while typing. */
  private readonly touched = new Set<FormField>();

  constructor(saved: FormValues | undefined) {
    this.values = saved ?? { prompt: '', width: 1024, height: 1024, steps: 25, variants: 1, offline: false };
    this.writeInputs();
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.form.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.submit();
      }
    });
    for (const input of [this.prompt, this.width, this.height, this.steps, this.variants]) {
      input.addEventListener('input', () => this.readInputs());
      input.addEventListener('change', () => this.readInputs());
    }
    // The prompt is checked on Generate only: tabbing past an empty prompt is not an error.
    for (const [field, input] of [['width', this.width], ['height', this.height], ['steps', this.steps]] as const) {
      input.addEventListener('blur', () => {
        this.touched.add(field);
        this.showErrors();
      });
    }
    for (const preset of this.presets) {
      preset.addEventListener('click', () => {
        this.values.width = Number(preset.dataset.width);
        this.values.height = Number(preset.dataset.height);
        this.touched.add('width').add('height');
        this.writeInputs();
        this.changed();
      });
    }
  }

  /**
   * First config: a form without saved state starts from the last Generate in this workspace, else from
   * the setting defaults. Later configs update the ranges and the banner.
   */
  applyConfig(config: StudioConfig, start?: { fresh: boolean; lastForm?: FormValues }): void {
    this.config = config;
    if (start?.fresh) {
      this.values = start.lastForm
        ? { ...start.lastForm }
        : { ...this.values, width: config.defaults.width, height: config.defaults.height, steps: config.defaults.steps };
      this.writeInputs();
    }
    this.renderConfig();
    this.changed();
  }

  /** Regenerate: the form takes an earlier job's prompt and size, ready to tweak and send. */
  fill(values: Partial<Pick<FormValues, 'prompt' | 'width' | 'height' | 'steps'>>): void {
    Object.assign(this.values, Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)));
    this.writeInputs();
    this.changed();
    this.prompt.focus();
    this.prompt.setSelectionRange(this.prompt.value.length, this.prompt.value.length);
    this.form.scrollIntoView({ block: 'start' });
  }

  /** A problem the host found (it checks again): shown under the field, which takes focus. */
  showHostError(field: FormField | undefined, message: string): void {
    if (!field) {
      byId('form-error').textContent = message;
      return;
    }
    this.touched.add(field);
    this.setFieldError(field, message);
    this.input(field).focus();
  }

  private submit(): void {
    if (!this.config) return;
    this.readInputs();
    FIELDS.forEach((f) => this.touched.add(f));
    const errors = this.showErrors();
    const first = FIELDS.find((f) => errors[f]);
    if (first) {
      this.input(first).focus();
      return;
    }
    // A hidden steps field (offline, or a model without steps) sends the default rather than a stale value.
    const steps = rangesFor(this.config, isOffline(this.config, this.values)).steps ? this.values.steps : this.config.defaults.steps;
    vscode.postMessage({ type: 'generate', ...this.values, steps, prompt: this.values.prompt.trim() });
  }

  private readInputs(): void {
    this.values = {
      ...this.values,
      prompt: this.prompt.value,
      width: toNumber(this.width.value),
      height: toNumber(this.height.value),
      steps: toNumber(this.steps.value),
      variants: toNumber(this.variants.value) || 1,
    };
    this.changed();
  }

  private writeInputs(): void {
    this.prompt.value = this.values.prompt;
    this.width.value = numberText(this.values.width);
    this.height.value = numberText(this.values.height);
    this.steps.value = numberText(this.values.steps);
    this.variants.value = String(this.values.variants);
  }

  private changed(): void {
    vscode.setState({ form: this.values });
    for (const preset of this.presets) {
      const on = Number(preset.dataset.width) === this.values.width && Number(preset.dataset.height) === this.values.height;
      preset.setAttribute('aria-pressed', String(on));
    }
    byId('form-error').textContent = '';
    this.showErrors();
  }

  private showErrors(): FieldErrors {
    if (!this.config) return {};
    const errors = validateForm(this.values, rangesFor(this.config, isOffline(this.config, this.values)));
    for (const field of FIELDS) this.setFieldError(field, this.touched.has(field) ? errors[field] : undefined);
    return errors;
  }

  private setFieldError(field: FormField, message: string | undefined): void {
    byId(`${field}-error`).textContent = message ?? '';
    this.input(field).setAttribute('aria-invalid', String(Boolean(message)));
  }

  private input(field: FormField): HTMLInputElement | HTMLTextAreaElement {
    return field === 'prompt' ? this.prompt : field === 'width' ? this.width : field === 'height' ? this.height : this.steps;
  }

  private renderConfig(): void {
    const config = this.config!;
    const offline = isOffline(config, this.values);
    const ranges = rangesFor(config, offline);
    for (const [input, range, hint] of [
      [this.width, ranges.width, 'width-range'],
      [this.height, ranges.height, 'height-range'],
    ] as const) {
      input.min = String(range.min);
      input.max = String(range.max);
      byId(hint).textContent = rangeText(range);
    }
    const stepsField = byId('steps-field');
    stepsField.hidden = !ranges.steps;
    if (ranges.steps) {
      this.steps.min = String(ranges.steps.min);
      this.steps.max = String(ranges.steps.max);
      byId('steps-range').textContent = rangeText(ranges.steps);
    }
    this.model.replaceChildren(
      icon(offline ? 'circle-slash' : 'server'),
      el('span', { text: offline ? 'Offline placeholders (no network, no token)' : `Model: ${config.modelLabel}` }),
    );
    this.model.title = offline ? 'Images are rendered locally at the exact size.' : config.model;
    this.renderBanner(config, offline);
    byId('insert-target').textContent = config.insertTarget ? `Insert into Editor goes to ${config.insertTarget}` : 'Open a document to insert images into it';
  }

  /** Without a token: explain, and offer both ways forward. */
  private renderBanner(config: StudioConfig, offline: boolean): void {
    const button = (iconName: string, text: string, onClick: () => void, primary = false) => {
      const b = el('button', { className: primary ? 'primary' : 'secondary', attrs: { type: 'button' } }, icon(iconName), el('span', { text }));
      b.addEventListener('click', onClick);
      return b;
    };
    const setOffline = (on: boolean) => {
      this.values.offline = on;
      this.renderConfig();
      this.changed();
      // The button that was pressed is gone with the old banner: continue where the user will type.
      this.prompt.focus();
    };
    if (config.provider === 'offline') {
      this.banner.replaceChildren(
        icon('info'),
        el('p', { text: 'The runcomfy.provider setting is “offline”: images are local placeholders of the exact size.' }),
        button('gear', 'Open Settings', () => vscode.postMessage({ type: 'openSettings' })),
      );
    } else if (offline) {
      this.banner.replaceChildren(
        icon('info'),
        el('p', { text: 'Offline placeholders: images are rendered locally at the exact size, no token needed.' }),
        config.hasToken ? button('cloud', 'Use RunComfy', () => setOffline(false)) : button('key', 'Set API Token', () => vscode.postMessage({ type: 'setApiToken' })),
      );
    } else if (!config.hasToken) {
      this.banner.replaceChildren(
        icon('key'),
        el('p', { text: 'To generate with RunComfy, set your API token (runcomfy.com → Profile → API Token). No token yet? Make placeholder images of the exact size offline.' }),
        button('key', 'Set API Token', () => vscode.postMessage({ type: 'setApiToken' }), true),
        button('circle-slash', 'Use Offline Placeholders', () => setOffline(true)),
      );
    } else {
      this.banner.replaceChildren();
    }
    this.banner.hidden = this.banner.childElementCount === 0;
  }
}

function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function numberText(value: number | null): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}
