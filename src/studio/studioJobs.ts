/**
 * From a Studio Generate to the jobs it starts: the form's values become the model's inputs (a fresh
 * random seed per variant), the body is built the way every caller builds it (`buildRequestBody`, with the
 * defaults the form showed and `runcomfy.extraInputs` last) and checked against the schema before anything
 * is sent. The first problem names its field, so the form can show it there. Pure: no `vscode`.
 */
import { placeholderSizeProblem } from '../core/placeholders/placeholderImage';
import { buildRequestBody } from '../core/models/requestBody';
import type { Size } from '../core/images/size';
import type { StudioFormInputs } from '../editor/generationService';
import type { ModelInputSchema } from '../runcomfy/inputSchema';
import { checkModelInput } from '../runcomfy/inputValidation';
import { referenceField } from '../core/references/imageFields';
import { referenceStandIns } from '../core/references/referenceStandIns';
import { buildFormControls, offlineSizeFor } from './formControls';
import { controlsFor, formInputs } from './formValues';
import type { GenerateMessage, StudioConfig } from './protocol';

/** What one job of the batch asks for, beyond the prompt and where to save. */
export interface StudioJob {
  width?: number;
  height?: number;
  /** The model's inputs (RunComfy with a known schema); absent offline and for an unknown model. */
  form?: StudioFormInputs;
}

export type StudioJobPlan = { ok: true; jobs: StudioJob[] } | { ok: false; field: string | undefined; message: string };

export function planStudioJobs(
  schema: ModelInputSchema,
  config: Pick<StudioConfig, 'model' | 'modelLabel' | 'offlineRanges' | 'defaults'>,
  message: Pick<GenerateMessage, 'prompt' | 'values' | 'variants' | 'references'>,
  offline: boolean,
  extraInputs: Record<string, unknown>,
  random: () => number = Math.random,
): StudioJobPlan {
  const controls = controlsFor(buildFormControls(schema), offline, config.offlineRanges);
  const attachable = referenceField(schema)?.field.name;
  const references = message.references ?? [];
  const attached = attachable ? { [attachable]: references.length } : {};
  const jobs: StudioJob[] = [];
  for (let i = 0; i < message.variants; i++) {
    const { inputs, errors } = formInputs(controls, message.values, random, attached);
    const [field, error] = Object.entries(errors)[0] ?? [];
    if (field !== undefined) return { ok: false, field, message: error! };
    if (offline) {
      const size = offlineSizeFor(schema, inputs, config.defaults);
      const problem = placeholderSizeProblem(size.width, size.height);
      if (problem) return { ok: false, field: schema.byName.has('width') ? 'width' : undefined, message: problem };
      jobs.push({ ...size });
      continue;
    }
    if (schema.fields.length === 0) {
      // Unknown schema: the form asked only for the prompt; the settings' size goes, as for every command.
      jobs.push({ ...config.defaults });
      continue;
    }
    // The images are encoded at submit time; their count is checked here with stand-ins.
    const standIns = attachable && references.length > 0 ? referenceStandIns({ field: attachable, multiple: schema.byName.get(attachable)?.media?.multiple ?? false, paths: references }) : {};
    const { body } = buildRequestBody(schema, { prompt: message.prompt, inputs: { ...inputs, ...standIns }, defaultsShown: true, extraInputs });
    const problem = checkModelInput(schema, body, config.modelLabel).problems[0];
    if (problem) return { ok: false, field: problem.field, message: problem.message };
    jobs.push({ ...sizeOf(body), form: { model: config.model, schema, inputs } });
  }
  return { ok: true, jobs };
}

/** Width and height when the body has them (for the log and the history's size label). */
function sizeOf(body: Record<string, unknown>): Partial<Size> {
  return typeof body.width === 'number' && typeof body.height === 'number' ? { width: body.width, height: body.height } : {};
}
