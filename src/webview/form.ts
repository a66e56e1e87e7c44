import * as l10n from '@vscode/l10n';
import type { FormControl, SizePreset } from '../studio/formControls';
import { isOffline } from '../studio/formRules';
import { controlsFor, formInputs, keepValues, valuesFor, type ModelValues } from '../studio/formValues';
import type { FormValues, ModelChoice, StudioConfig } from '../studio/protocol';
import { addReferences, capReferences, referenceAddNotice, removeReference, type ReferenceItem } from '../studio/referenceList';
import { renderControl, type ControlView } from './controls';
import type { ReferencesHost, ReferencesView } from './referencesArea';
import { byId, el, icon } from './dom';
import type { EstimateRequest } from './generateEstimate';
import { vscode } from './vscodeApi';

/** The prompt's name in messages from the host. */
const PROMPT = 'prompt';

export const EMPTY_FORM: FormValues = { prompt: '', variants: 1, offline: false, byModel: {} };

/**
 * The generate form, built from the chosen model's schema: the model picker, the prompt, size presets
 * mapped to the model's inputs, one control per input, variants. Values are kept per model in the webview
 * state (so they survive reloads and switching models), with inline messages and Ctrl/Cmd+Enter.
 */
export class GenerateForm {
  private readonly form = byId<HTMLFormElement>('form');
  private readonly prompt = byId<HTMLTextAreaElement>('prompt');
  private readonly picker = byId<HTMLSelectElement>('model-picker');
  private readonly fields = byId('fields');
  private readonly presetBox = byId('presets');
  private readonly presetRow = byId('preset-row');
  private readonly variants = byId<HTMLSelectElement>('variants');
  private readonly model = byId('model');
  private readonly banner = byId('banner');
  private config: StudioConfig | undefined;
  private values: FormValues;
  /** The rendered controls of the current model's form. */
  private views: ControlView[] = [];
  private presets: { preset: SizePreset; button: HTMLButtonElement }[] = [];
  /** The form that is rendered, as JSON: another model, or the same one with a fetched schema, re-renders. */
  private renderedForm: string | undefined;
  /** Fields the user has left (or tried to submit): only those show messages while typing. */
  private readonly touched = new Set<string>();

  constructor(
    saved: FormValues | undefined,
    /** Told the form after every change, for the price on the Generate button. */
    private readonly onFormChanged: (form: EstimateRequest) => void = () => undefined,
  ) {
    this.values = saved ?? structuredClone(EMPTY_FORM);
    this.prompt.value = this.values.prompt;
    this.variants.value = String(this.values.variants);
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
    for (const input of [this.prompt, this.variants]) {
      input.addEventListener('input', () => this.readInputs());
      input.addEventListener('change', () => this.readInputs());
    }
    this.picker.addEventListener('change', () => {
      const model = this.picker.value;
      if (!this.config || model === this.config.model) return;
      this.model.replaceChildren(icon('loading', 'codicon-modifier-spin'), el('span', { text: l10n.t('Switching model…') }));
      vscode.postMessage({ type: 'chooseModel', model });
    });
  }

  /**
   * A config from the host (already parsed). The first one for a panel without saved state starts from the
   * last Generate in this workspace; a new model re-renders the fields with that model's kept values.
   */
  applyConfig(config: StudioConfig, start?: { fresh: boolean; lastForm?: FormValues }): void {
    this.config = config;
    if (start?.fresh && start.lastForm) {
      this.values = structuredClone(start.lastForm);
      this.prompt.value = this.values.prompt;
      this.variants.value = String(this.values.variants);
    }
    this.renderPicker(config.models, config.model);
    if (this.renderedForm !== JSON.stringify(config.form) || start) this.renderFields(config.form.controls, config.form.presets);
    this.renderConfig();
    this.changed();
  }

  /** Regenerate: the form takes an earlier job's prompt and the values it can, ready to tweak and send. */
  fill(prompt: string, inputs: Record<string, number | undefined>): void {
    this.prompt.value = prompt;
    for (const view of this.views) {
      const value = inputs[view.control.name];
      if (value !== undefined) view.write(String(value));
    }
    this.readInputs();
    this.prompt.focus();
    this.prompt.setSelectionRange(this.prompt.value.length, this.prompt.value.length);
    this.form.scrollIntoView({ block: 'start' });
  }

  /** A problem the host found (it checks again): shown under the field it names, which takes focus. */
  showHostError(field: string | undefined, message: string): void {
    if (field === PROMPT) {
      this.touched.add(PROMPT);
      this.setPromptError(message);
      this.prompt.focus();
      return;
    }
    const view = this.views.find((v) => v.control.name === field);
    if (!view) {
      byId('form-error').textContent = message;
      return;
    }
    this.touched.add(view.control.name);
    view.setError(message);
    view.focusTarget.focus();
  }

  private submit(): void {
    const config = this.config;
    if (!config) return;
    this.readInputs();
    this.touched.add(PROMPT);
    this.views.forEach((v) => this.touched.add(v.control.name));
    const errors = this.showErrors();
    const first = [PROMPT, ...this.views.map((v) => v.control.name)].find((name) => errors[name]);
    if (first === PROMPT) return this.prompt.focus();
    if (first) return this.views.find((v) => v.control.name === first)?.focusTarget.focus();
    const { prompt, variants, offline } = this.values;
    const references = this.referencesArea() ? this.references().map((item) => item.path) : [];
    vscode.postMessage({ type: 'generate', model: config.form.model, prompt: prompt.trim(), values: this.current(), variants, offline, ...(references.length > 0 ? { references } : {}) });
  }

  /**
   * Images the host checked, for `model`'s references area: added in order, without duplicates, up to the
   * model's limit. Returns the names added and what to tell the user about the ones left out.
   */
  addReferences(model: string, items: readonly ReferenceItem[]): { added: string[]; leftOut?: string } {
    const area = this.referencesArea();
    if (!area || model !== this.config?.form.model) return { added: [], leftOut: 'The model changed before the images arrived; add them again.' };
    const maxItems = area.control.kind === 'media' ? (area.control.references?.maxItems ?? 0) : 0;
    const before = this.references().length;
    const result = addReferences(this.references(), items, maxItems);
    this.setReferences(result.list);
    this.touched.add(area.control.name);
    return { added: result.list.slice(before).map((item) => item.name), leftOut: referenceAddNotice(result, maxItems) };
  }

  /** "Use as reference" on a gallery tile: the host checks the file and answers with `referencesAdded`. */
  useAsReference(jobId: string, file: number): string | undefined {
    const model = this.config?.form.model;
    if (!model || !this.referencesArea()) return 'This model takes no reference images. Choose an edit model first.';
    vscode.postMessage({ type: 'useAsReference', model, jobId, file });
    return undefined;
  }

  /** The current model's reference images. */
  private references(): ReferenceItem[] {
    return this.values.references?.[this.config?.form.model ?? ''] ?? [];
  }

  private setReferences(list: ReferenceItem[]): void {
    const model = this.config?.form.model;
    if (!model) return;
    this.values = { ...this.values, references: { ...this.values.references, [model]: list } };
    this.referencesArea()?.render();
    this.changed();
  }

  private referencesArea(): ReferencesView | undefined {
    return this.views.find((view): view is ReferencesView => 'render' in view);
  }

  private referencesHost(): ReferencesHost {
    const model = () => this.config?.form.model ?? '';
    return {
      items: () => this.references(),
      add: () => vscode.postMessage({ type: 'addReferences', model: model() }),
      drop: (uris) => vscode.postMessage({ type: 'dropReferences', model: model(), uris }),
      remove: (path) => {
        this.setReferences(removeReference(this.references(), path));
        this.referencesArea()?.focusTarget.focus();
      },
    };
  }

  /** The current model's values. */
  private current(): ModelValues {
    return this.values.byModel[this.config?.form.model ?? ''] ?? {};
  }

  private readInputs(): void {
    const values: ModelValues = { ...this.current() };
    for (const view of this.views) {
      const value = view.read();
      if (value !== undefined) values[view.control.name] = value;
    }
    const model = this.config?.form.model;
    this.values = {
      ...this.values,
      prompt: this.prompt.value,
      variants: Number(this.variants.value) || 1,
      byModel: model ? keepValues(this.values.byModel, model, values) : this.values.byModel,
    };
    this.changed();
  }

  private changed(): void {
    vscode.setState({ form: this.values });
    const current = this.current();
    for (const { preset, button } of this.presets) {
      const on = Object.entries(preset.inputs).every(([name, value]) => current[name] === String(value));
      button.setAttribute('aria-pressed', String(on));
    }
    byId('form-error').textContent = '';
    this.showErrors();
    if (this.config) this.onFormChanged({ model: this.config.form.model, values: current, variants: this.values.variants, offline: this.values.offline });
  }

  /** Checks every field as the host will, and shows the messages of the fields the user has been to. */
  private showErrors(): Record<string, string> {
    if (!this.config) return {};
    const controls = controlsFor(this.config.form.controls, isOffline(this.config, this.values), this.config.offlineRanges);
    const area = this.referencesArea();
    const attached = area ? { [area.control.name]: this.references().length } : {};
    const { errors } = formInputs(controls, this.current(), () => 0, attached);
    for (const view of this.views) {
      const local = view.localError();
      if (local) errors[view.control.name] = local;
    }
    if (this.values.prompt.trim() === '') errors[PROMPT] = l10n.t('Describe the image you want.');
    this.setPromptError(this.touched.has(PROMPT) ? errors[PROMPT] : undefined);
    for (const view of this.views) view.setError(this.touched.has(view.control.name) ? errors[view.control.name] : undefined);
    return errors;
  }

  private setPromptError(message: string | undefined): void {
    byId('prompt-error').textContent = message ?? '';
    this.prompt.setAttribute('aria-invalid', String(Boolean(message)));
  }

  private renderPicker(models: readonly ModelChoice[], current: string): void {
    const options = models.map((m) => el('option', { text: m.price ? `${m.label} — ${m.price}` : m.label, attrs: { value: m.id, title: m.id } }));
    this.picker.replaceChildren(...options);
    this.picker.value = current;
    const chosen = models.find((m) => m.id === current);
    byId('model-hint').textContent = chosen ? `${chosen.id}${chosen.price ? ` · ${chosen.price}` : ''}` : current;
  }

  private renderFields(controls: readonly FormControl[], presets: readonly SizePreset[]): void {
    const model = this.config!.form.model;
    this.renderedForm = JSON.stringify(this.config!.form);
    this.touched.clear();
    const events = { changed: () => this.readInputs(), left: (name: string) => (this.touched.add(name), this.showErrors()), references: this.referencesHost() };
    // A model with a lower cap keeps the first images that fit.
    const cap = controls.find((c) => c.kind === 'media' && c.references);
    if (cap?.kind === 'media' && cap.references && this.values.references?.[model]) {
      this.values = { ...this.values, references: { ...this.values.references, [model]: capReferences(this.values.references[model], cap.references.maxItems) } };
    }
    this.views = controls.filter((c) => c.kind !== 'prompt').map((control) => renderControl(control, events));
    const values = valuesFor(controls, this.values.byModel[model]);
    for (const view of this.views) view.write(values[view.control.name]);
    this.values = { ...this.values, byModel: keepValues(this.values.byModel, model, values) };
    this.fields.replaceChildren(...this.views.map((v) => v.element));
    const hiddenNote = this.config!.form.known ? undefined : el('p', { className: 'hint', text: l10n.t('This model’s inputs are not in the catalog: only the prompt is sent, with your size and steps settings.') });
    if (hiddenNote) this.fields.append(hiddenNote);
    this.renderPresets(presets);
  }

  private renderPresets(presets: readonly SizePreset[]): void {
    this.presets = presets.map((preset) => {
      const button = el(
        'button',
        { className: 'preset', attrs: { type: 'button', 'aria-pressed': 'false', title: l10n.t('{0}×{1} asks this model for {2}', preset.width, preset.height, preset.result) } },
        el('span', { className: 'preset-name', text: preset.label }),
        ' ',
        el('span', { className: 'preset-size', text: preset.result }),
      );
      button.addEventListener('click', () => {
        for (const view of this.views) {
          const value = preset.inputs[view.control.name];
          if (value !== undefined) {
            view.write(String(value));
            this.touched.add(view.control.name);
          }
        }
        this.readInputs();
      });
      return { preset, button };
    });
    this.presetRow.replaceChildren(...this.presets.map((p) => p.button));
    this.presetBox.hidden = this.presets.length === 0;
  }

  private renderConfig(): void {
    const config = this.config!;
    const offline = isOffline(config, this.values);
    this.model.replaceChildren(
      icon(offline ? 'circle-slash' : 'server'),
      el('span', { text: offline ? l10n.t('Offline placeholders (no network, no token)') : l10n.t('Model: {0}', config.modelLabel) }),
    );
    this.model.title = offline ? l10n.t('Images are rendered locally at the exact size.') : config.model;
    this.renderBanner(config, offline);
    byId('insert-target').textContent = config.insertTarget ? l10n.t('Insert into Editor goes to {0}', config.insertTarget) : l10n.t('Open a document to insert images into it');
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
        el('p', { text: l10n.t('The runcomfy.provider setting is “offline”: images are local placeholders of the exact size.') }),
        button('gear', l10n.t('Open Settings'), () => vscode.postMessage({ type: 'openSettings' })),
      );
    } else if (offline) {
      this.banner.replaceChildren(
        icon('info'),
        el('p', { text: l10n.t('Offline placeholders: images are rendered locally at the exact size, no token needed.') }),
        config.hasToken ? button('cloud', l10n.t('Use RunComfy'), () => setOffline(false)) : button('key', l10n.t('Set API Token'), () => vscode.postMessage({ type: 'setApiToken' })),
      );
    } else if (!config.hasToken) {
      this.banner.replaceChildren(
        icon('key'),
        el('p', { text: l10n.t('To generate with RunComfy, set your API token (runcomfy.com → Profile → API Token). No token yet? Make placeholder images of the exact size offline.') }),
        button('key', l10n.t('Set API Token'), () => vscode.postMessage({ type: 'setApiToken' }), true),
        button('circle-slash', l10n.t('Use Offline Placeholders'), () => setOffline(true)),
      );
    } else {
      this.banner.replaceChildren();
    }
    this.banner.hidden = this.banner.childElementCount === 0;
  }
}
