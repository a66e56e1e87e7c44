import type { Settings } from '../core/settings';
import { knownModelSchema } from '../runcomfy/knownModels';
import { SIZE_LIMITS, STEPS_LIMITS, type IntRange, type StudioConfig } from './protocol';

/** What the form shows for the current settings: the model, its ranges (from its schema when known). */
export function buildStudioConfig(settings: Settings, hasToken: boolean, insertTarget: string | undefined): StudioConfig {
  const schema = knownModelSchema(settings.model);
  const any = { min: SIZE_LIMITS.min, max: SIZE_LIMITS.max };
  const ranges: StudioConfig['ranges'] = schema
    ? { width: range(schema.width), height: range(schema.height), ...(schema.steps ? { steps: range(schema.steps) } : {}) }
    : { width: any, height: any, steps: { min: STEPS_LIMITS.min, max: STEPS_LIMITS.max } };
  return {
    model: settings.model,
    modelLabel: schema?.displayName ?? settings.model,
    provider: settings.provider,
    hasToken,
    ranges,
    offlineRanges: { width: any, height: any },
    defaults: { width: settings.width, height: settings.height, steps: settings.steps },
    insertTarget,
  };
}

function range(r: IntRange): IntRange {
  return { min: r.min, max: r.max };
}
