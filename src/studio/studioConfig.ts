/**
 * What the form shows for the current settings and catalog: the model picker's entries, the chosen model's
 * form built from its schema, and the provider state. Pure: the catalog's answers come in as values.
 */
import { formatPrice } from '../core/models/price';
import type { Settings } from '../core/settings';
import type { CatalogModel } from '../runcomfy/catalog';
import type { ModelInputSchema } from '../runcomfy/inputSchema';
import { buildFormControls, sizePresetsFor } from './formControls';
import { SIZE_LIMITS, type ModelChoice, type StudioConfig, type StudioForm } from './protocol';

/** Catalog categories whose models make pictures from a prompt: the ones the Studio offers. */
const IMAGE_CATEGORIES = new Set(['text-to-image', 'image-to-image']);

export interface StudioConfigInput {
  settings: Pick<Settings, 'model' | 'provider' | 'width' | 'height'>;
  hasToken: boolean;
  insertTarget: string | undefined;
  /** The catalog's models (the picker shows the image models among them). */
  models: readonly CatalogModel[];
  /** The normalised schema of `settings.model` (without fields when unknown). */
  schema: ModelInputSchema;
}

export function buildStudioConfig(input: StudioConfigInput): StudioConfig {
  const { settings } = input;
  const current = input.models.find((m) => m.modelId === settings.model);
  const any = { min: SIZE_LIMITS.min, max: SIZE_LIMITS.max };
  return {
    model: settings.model,
    modelLabel: current?.displayName ?? settings.model,
    provider: settings.provider,
    hasToken: input.hasToken,
    models: modelChoices(input.models, settings.model),
    form: buildStudioForm(settings.model, input.schema),
    offlineRanges: { width: any, height: any },
    defaults: { width: settings.width, height: settings.height },
    ...(input.insertTarget ? { insertTarget: input.insertTarget } : {}),
  };
}

export function buildStudioForm(model: string, schema: ModelInputSchema): StudioForm {
  return { model, controls: buildFormControls(schema), presets: sizePresetsFor(schema), known: schema.fields.length > 0 };
}

/**
 * The picker's entries: image models by name, each with its price; the current model stays listed even when
 * the catalog does not have it (a model id typed into the settings), so the picker never lies about it.
 */
export function modelChoices(models: readonly CatalogModel[], current: string): ModelChoice[] {
  const images = models.filter((m) => m.modelId === current || m.categories.some((c) => IMAGE_CATEGORIES.has(c)));
  const choices = images.map((m) => ({ id: m.modelId, label: m.displayName ?? m.modelId, price: formatPrice(m) }));
  if (!choices.some((c) => c.id === current)) choices.unshift({ id: current, label: current, price: formatPrice({}) });
  return choices.sort((a, b) => a.label.localeCompare(b.label));
}
