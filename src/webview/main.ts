/**
 * The Image Studio webview: the form, live jobs, staged variants and the gallery. Plain DOM, no framework:
 * the page is one form and a few keyed lists, and staying framework-free keeps the bundle small and the
 * CSP free of `unsafe-eval`/`unsafe-inline`.
 */
// First: configures @vscode/l10n before any module builds a text (see the module).
import './l10nBundle';
import * as l10n from '@vscode/l10n';
import { parseStudioForm } from '../studio/formSpecSchema';
import { parseSpending } from '../studio/moneyMessageSchema';
import type { ControlValue, ModelValues } from '../studio/formValues';
import type { FormValues, HostMessage, StudioConfig } from '../studio/protocol';
import { byId } from './dom';
import { GenerateForm } from './form';
import { Gallery } from './gallery';
import { GenerateEstimate } from './generateEstimate';
import { LiveJobs } from './liveJobs';
import { showCompare } from './compareView';
import type { ReferenceItem } from '../studio/referenceList';
import { vscode } from './vscodeApi';

const saved = restoredForm();
const estimate = new GenerateEstimate();
const form = new GenerateForm(saved, (values) => estimate.request(values));
const announcer = byId('announcer');
const announce = (text: string) => {
  announcer.textContent = text;
};
const live = new LiveJobs(announce);
const gallery = new Gallery({
  regenerate: (tile) => {
    form.fill(tile.prompt, { width: tile.width, height: tile.height, steps: tile.steps });
    announce(l10n.t('The form now holds that prompt and size. Press Generate to make it again.'));
  },
  useAsReference: (tile) => {
    const refused = form.useAsReference(tile.jobId, tile.file ?? 0);
    if (refused) showNotice(refused, 'error');
  },
  compare: (tile, opener) => showCompare(tile, opener),
});
const notice = byId('notice');
let noticeTimer: number | undefined;

function showNotice(text: string, level: 'info' | 'error'): void {
  notice.textContent = text;
  notice.dataset.level = level;
  window.clearTimeout(noticeTimer);
  noticeTimer = window.setTimeout(() => (notice.textContent = ''), level === 'error' ? 15_000 : 6_000);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init': {
      const config = checkedConfig(message.config);
      if (config) form.applyConfig(config, { fresh: saved === undefined, lastForm: sanitizeForm(message.lastForm) });
      live.render(message.live);
      gallery.renderStaged(message.staged);
      gallery.renderHistory(message.history);
      showSpending(message.spending);
      // Opened to type in: the prompt takes the focus the webview got, unless the user already moved it.
      if (document.activeElement === document.body) byId('prompt').focus();
      document.body.dataset.ready = 'true';
      return;
    }
    case 'config': {
      const config = checkedConfig(message.config);
      if (config) form.applyConfig(config);
      return;
    }
    case 'jobs':
      live.render(message.live);
      return;
    case 'gallery':
      gallery.renderStaged(message.staged);
      gallery.renderHistory(message.history);
      showSpending(message.spending);
      return;
    case 'estimate':
      estimate.show(message);
      return;
    case 'notice':
      showNotice(message.message, message.level);
      return;
    case 'referencesAdded': {
      const { added, leftOut } = form.addReferences(message.model, sanitizeReferences(message.items));
      if (leftOut) showNotice(leftOut, 'info');
      if (added.length > 0) announce(added.length === 1 ? l10n.t('Added {0} as a reference.', added[0]!) : l10n.t('Added {0} as references.', added.join(', ')));
      return;
    }
    case 'formError':
      form.showHostError(message.field, message.message);
      return;
    default: {
      const unknown: never = message;
      console.warn('Image Studio: unknown message', unknown);
    }
  }
});

vscode.postMessage({ type: 'ready' });

/** What this workspace spent, under the history heading: checked, then shown as plain text. */
function showSpending(raw: unknown): void {
  byId('spending').textContent = parseSpending(raw);
}

/** The form as the webview last saved it, if it still has the expected shape. */
function restoredForm(): FormValues | undefined {
  return sanitizeForm(vscode.getState()?.form);
}

/**
 * The config with its form checked against the form schema: the fields come from a model schema the
 * catalog published, so a malformed one is refused (and said) rather than rendered.
 */
function checkedConfig(config: StudioConfig): StudioConfig | undefined {
  const parsed = parseStudioForm(config?.form, config?.models);
  if (parsed.ok) return { ...config, form: parsed.form, models: parsed.models };
  console.warn(`Image Studio: refused the form from the extension (${parsed.reason})`);
  byId('form-error').textContent = l10n.t('The Studio could not show this model’s form. Reopen the Studio; if it persists, choose another model.');
  return undefined;
}

function sanitizeForm(form: Partial<FormValues> | undefined): FormValues | undefined {
  if (!form || typeof form !== 'object') return undefined;
  const int = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
  const byModel: Record<string, ModelValues> = {};
  for (const [model, values] of Object.entries(isRecord(form.byModel) ? form.byModel : {})) {
    if (!isRecord(values)) continue;
    byModel[model] = Object.fromEntries(Object.entries(values).filter((entry): entry is [string, ControlValue] => typeof entry[1] === 'string' || typeof entry[1] === 'boolean'));
  }
  const references: Record<string, ReferenceItem[]> = {};
  for (const [model, items] of Object.entries(isRecord(form.references) ? form.references : {})) references[model] = sanitizeReferences(items);
  return {
    prompt: typeof form.prompt === 'string' ? form.prompt : '',
    variants: Math.min(4, Math.max(1, int(form.variants, 1))),
    offline: form.offline === true,
    byModel,
    references,
  };
}

/** Reference items of the expected shape (saved state, or a host message); the rest are dropped. */
function sanitizeReferences(items: unknown): ReferenceItem[] {
  if (!Array.isArray(items)) return [];
  return items.filter(
    (item): item is ReferenceItem =>
      isRecord(item) &&
      typeof item.path === 'string' &&
      typeof item.name === 'string' &&
      (item.src === undefined || typeof item.src === 'string') &&
      [item.width, item.height, item.bytes].every((n) => typeof n === 'number' && Number.isFinite(n)),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
