import * as assert from 'node:assert/strict';
import { buildRequestBody } from '../../../../src/core/models/requestBody';
import { FLUX_2_FLASH, KLEIN_4B, KLEIN_9B, normaliseInputSchema, snapshotInputSchema } from '../../../../src/runcomfy';
import { DOUBLE_EDIT, DOUBLE_MODELS } from '../../../support/doubleModels';

const flash = snapshotInputSchema(FLUX_2_FLASH)!;
const klein9 = snapshotInputSchema(KLEIN_9B)!;
const klein4 = snapshotInputSchema(KLEIN_4B)!;

describe('request body builder', () => {
  it('builds prompt, mapped size and steps for Klein 9B; no steps for Klein 4B', () => {
    assert.deepEqual(buildRequestBody(klein9, { prompt: 'a fox', size: { width: 768, height: 512 }, steps: 8 }), {
      body: { prompt: 'a fox', width: 768, height: 512, steps: 8 },
      size: { style: 'dimensions', inputs: { width: 768, height: 512 }, size: { width: 768, height: 512 } },
      notes: [],
      warnings: [],
    });
    assert.deepEqual(buildRequestBody(klein4, { prompt: 'a fox', size: { width: 768, height: 512 }, steps: 8 }).body, { prompt: 'a fox', width: 768, height: 512 });
  });

  it('fits steps into the range, with a note', () => {
    const built = buildRequestBody(klein9, { prompt: 'x', steps: 250 });
    assert.equal(built.body.steps, 100);
    assert.deepEqual(built.notes, ['steps 250 is outside 1–100; using 100']);
  });

  it('sends schema defaults only when the user was shown them, never dropped ones', () => {
    const unseen = buildRequestBody(flash, { prompt: 'x', size: { width: 1920, height: 1080 } });
    assert.deepEqual(unseen.body, { prompt: 'x', image_size: 'landscape_16_9' });
    const seen = buildRequestBody(flash, { prompt: 'x', size: { width: 1920, height: 1080 }, defaultsShown: true });
    assert.deepEqual(seen.body, { guidance_scale: 2.5, image_size: 'landscape_16_9', output_format: 'png', prompt: 'x' });
    assert.equal('seed' in seen.body, false, 'seed defaults to null: not sent');
    const edit = normaliseInputSchema(DOUBLE_MODELS.find((m) => m.model_id === DOUBLE_EDIT)!.input_schema);
    assert.equal('image_urls' in buildRequestBody(edit, { prompt: 'x', defaultsShown: true }).body, false, 'no sample image');
  });

  it('lets the user inputs win over the mapping, and extraInputs over everything, with a warning', () => {
    const built = buildRequestBody(flash, {
      prompt: 'x',
      size: { width: 1920, height: 1080 },
      inputs: { image_size: 'square', seed: 42 },
      extraInputs: { output_format: 'jpeg', image_size: 'portrait_4_3' },
    });
    assert.deepEqual(built.body, { prompt: 'x', image_size: 'portrait_4_3', seed: 42, output_format: 'jpeg' });
    assert.deepEqual(built.warnings, ['runcomfy.extraInputs sets image_size to "portrait_4_3", replacing "square".']);
  });

  it('warns about keys the schema does not know, instead of sending them silently', () => {
    const built = buildRequestBody(klein9, { prompt: 'x', extraInputs: { seed: 7 }, inputs: { negative_prompt: 'blur' } });
    assert.deepEqual(built.body, { prompt: 'x', negative_prompt: 'blur', seed: 7 });
    assert.deepEqual(built.warnings, [
      'This model has no input "negative_prompt"; it is sent anyway and RunComfy may reject it.',
      'This model has no input "seed"; it is sent anyway and RunComfy may reject it.',
    ]);
  });

  it('with an unknown schema sends prompt, size and steps as given', () => {
    const unknown = normaliseInputSchema(undefined);
    assert.deepEqual(buildRequestBody(unknown, { prompt: 'x', size: { width: 5000, height: 10 }, steps: 3, extraInputs: { a: 1 } }).body, {
      prompt: 'x',
      width: 5000,
      height: 10,
      steps: 3,
      a: 1,
    });
  });
});
