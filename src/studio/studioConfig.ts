import type { Settings } from '../core/settings';
import { loadModelRuntime } from '../editor/modelRuntimeLoader';
import type { InputField } from '../runcomfy/inputSchema';
import { SIZE_LIMITS, STEPS_LIMITS, type IntRange, type StudioConfig } from './protocol';

/**
 * What the form shows for the current settings: the model, its ranges (from the embedded snapshot's schema
 * when it holds the model; the schema-driven form replaces this).
 */
export function buildStudioConfig(settings: Settings, hasToken: boolean, insertTarget: string | undefined): StudioConfig {
  const runtime = loadModelRuntime();
  const schema = runtime.snapshotInputSchema(settings.model);
  const any = { min: SIZE_LIMITS.min, max: SIZE_LIMITS.max };
  const [width, height, steps] = (['width', 'height', 'steps'] as const).map((name) => range(schema?.byName.get(name)));
  const ranges: StudioConfig['ranges'] =
    schema && width && height
      ? { width, height, ...(steps ? { steps } : {}) }
      : { width: any, height: any, steps: { min: STEPS_LIMITS.min, max: STEPS_LIMITS.max } };
  return {
    model: settings.model,
    modelLabel: runtime.snapshotModel(settings.model)?.displayName ?? settings.model,
    provider: settings.provider,
    hasToken,
    ranges,
    offlineRanges: { width: any, height: any },
    defaults: { width: settings.width, height: settings.height, steps: settings.steps },
    insertTarget,
  };
}

function range(field: InputField | undefined): IntRange | undefined {
  return field?.minimum !== undefined && field.maximum !== undefined ? { min: field.minimum, max: field.maximum } : undefined;
}
