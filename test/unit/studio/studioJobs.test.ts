import * as assert from 'node:assert/strict';
import { FLUX_2_FLASH, KLEIN_9B, snapshotInputSchema } from '../../../src/runcomfy/catalogSnapshot';
import { buildRequestBody } from '../../../src/core/models/requestBody';
import { normaliseInputSchema } from '../../../src/runcomfy/inputSchema';
import { planStudioJobs } from '../../../src/studio/studioJobs';
import { validationIssue } from '../../support/doubleCatalog';
import { DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_MODELS } from '../../support/doubleModels';

const config = (model: string, modelLabel: string) => ({
  model,
  modelLabel,
  offlineRanges: { width: { min: 16, max: 4096 }, height: { min: 16, max: 4096 } },
  defaults: { width: 1024, height: 1024 },
});
const flash = snapshotInputSchema(FLUX_2_FLASH)!;
const aspect = normaliseInputSchema(DOUBLE_MODELS.find((m) => m.model_id === DOUBLE_ASPECT)!.input_schema);
const sequence = (...values: number[]) => () => values.shift() ?? 0;

describe('Studio jobs (a Generate → checked request bodies)', () => {
  it('an edit model: its image input counts the references, which stay out of the recorded inputs', () => {
    const edit = normaliseInputSchema(DOUBLE_MODELS.find((m) => m.model_id === DOUBLE_EDIT)!.input_schema);
    const message = { prompt: 'make the sky stormy', values: { output_format: 'png' }, variants: 2 };
    const none = planStudioJobs(edit, config(DOUBLE_EDIT, 'Nano Banana 2 Lite Edit'), message, false, {});
    assert.deepEqual(none.ok ? undefined : none.field, 'image_urls', 'a required image input needs a reference');
    const two = planStudioJobs(edit, config(DOUBLE_EDIT, 'Nano Banana 2 Lite Edit'), { ...message, references: ['img/a.png', 'img/b.png'] }, false, {});
    assert.ok(two.ok);
    assert.equal(two.jobs.length, 2);
    assert.deepEqual(two.jobs[0]!.form?.inputs, { output_format: 'png' }, 'the images are encoded at submit time, not recorded');
    const eleven = planStudioJobs(edit, config(DOUBLE_EDIT, 'Nano Banana 2 Lite Edit'), { ...message, references: Array.from({ length: 11 }, (_, i) => `img/${i}.png`) }, false, {});
    assert.ok(!eleven.ok);
    assert.equal(eleven.field, 'image_urls');
    assert.match(eleven.message, /at most 10 images; remove 1/);
  });

  it('builds each variant’s body from the form, with the defaults shown and a seed of its own', () => {
    const plan = planStudioJobs(flash, config(FLUX_2_FLASH, 'FLUX.2 Flash'), { prompt: 'a fox', values: { seed: 'random', image_size: 'square_hd' }, variants: 2 }, false, {}, sequence(0.25, 0.5));
    assert.ok(plan.ok);
    assert.deepEqual(plan.jobs.map((j) => j.form?.inputs), [
      { seed: 536870912, image_size: 'square_hd' },
      { seed: 1073741824, image_size: 'square_hd' },
    ]);
    assert.equal(plan.jobs[0]!.form?.model, FLUX_2_FLASH);
    assert.equal(plan.jobs[0]!.width, undefined, 'an enum-size model sends no width');
  });

  it('a body the plan accepts is one the test double accepts, for each size style', () => {
    const klein = snapshotInputSchema(KLEIN_9B)!;
    const cases: { schema: typeof klein; model: string; values: Record<string, string> }[] = [
      { schema: klein, model: KLEIN_9B, values: { width: '1536', height: '864', steps: '4' } },
      { schema: flash, model: FLUX_2_FLASH, values: { guidance_scale: '4', seed: '3', image_size: 'portrait_16_9', output_format: 'webp' } },
      { schema: aspect, model: DOUBLE_ASPECT, values: { aspect_ratio: '21:9', resolution: '4K', num_images: '2' } },
    ];
    for (const { schema, model, values } of cases) {
      const plan = planStudioJobs(schema, config(model, model), { prompt: 'a fox', values, variants: 1 }, false, {});
      assert.ok(plan.ok, model);
      const body = buildRequestBody(schema, { prompt: 'a fox', inputs: plan.jobs[0]!.form!.inputs, defaultsShown: true }).body;
      assert.equal(validationIssue(model, body), undefined, `${model}: ${JSON.stringify(body)}`);
    }
  });

  it('refuses before sending, naming the field: a form value, or the body with extra inputs merged', () => {
    const fromForm = planStudioJobs(flash, config(FLUX_2_FLASH, 'FLUX.2 Flash'), { prompt: 'a fox', values: { guidance_scale: '21' }, variants: 1 }, false, {});
    assert.deepEqual(fromForm, { ok: false, field: 'guidance_scale', message: 'Guidance Scale must be a number from 0 to 20.' });
    const fromExtras = planStudioJobs(flash, config(FLUX_2_FLASH, 'FLUX.2 Flash'), { prompt: 'a fox', values: {}, variants: 1 }, false, { image_size: 'poster' });
    assert.equal(fromExtras.ok, false);
    assert.equal(!fromExtras.ok && fromExtras.field, 'image_size');
    assert.match(!fromExtras.ok ? fromExtras.message : '', /^FLUX\.2 Flash needs image_size to be one of "square_hd"/);
  });

  it('offline: a placeholder of the form’s size, or the named shape’s, within the renderer’s range', () => {
    const klein = snapshotInputSchema(KLEIN_9B)!;
    const small = planStudioJobs(klein, config(KLEIN_9B, 'FLUX.2 Klein 9B'), { prompt: 'a fox', values: { width: '320', height: '200' }, variants: 1 }, true, {});
    assert.deepEqual(small, { ok: true, jobs: [{ width: 320, height: 200 }] });
    const shaped = planStudioJobs(flash, config(FLUX_2_FLASH, 'FLUX.2 Flash'), { prompt: 'a fox', values: { image_size: 'landscape_16_9' }, variants: 1 }, true, {});
    assert.deepEqual(shaped, { ok: true, jobs: [{ width: 1024, height: 576 }] });
    const huge = planStudioJobs(klein, config(KLEIN_9B, 'FLUX.2 Klein 9B'), { prompt: 'a fox', values: { width: '99999', height: '10' }, variants: 1 }, true, {});
    assert.deepEqual(huge, { ok: false, field: 'width', message: 'Width must be a whole number from 16 to 4096.' });
  });

  it('an unknown model gets the prompt and the settings’ size, as every command sends it', () => {
    const plan = planStudioJobs(normaliseInputSchema(undefined), config('someone/custom', 'someone/custom'), { prompt: 'a fox', values: {}, variants: 1 }, false, {});
    assert.deepEqual(plan, { ok: true, jobs: [{ width: 1024, height: 1024 }] });
  });
});
