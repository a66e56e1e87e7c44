import * as assert from 'node:assert/strict';
import { FLUX_2_FLASH, KLEIN_9B, snapshotInputSchema } from '../../../src/runcomfy/catalogSnapshot';
import { normaliseInputSchema } from '../../../src/runcomfy/inputSchema';
import { buildFormControls } from '../../../src/studio/formControls';
import { controlsFor, formInputs, initialValues, keepValues, KEPT_MODELS, randomSeed, RANDOM_SEED, valuesFor } from '../../../src/studio/formValues';
import { DOUBLE_LORA, DOUBLE_MODELS } from '../../support/doubleModels';

const klein = buildFormControls(snapshotInputSchema(KLEIN_9B)!);
const flash = buildFormControls(snapshotInputSchema(FLUX_2_FLASH)!);
const lora = buildFormControls(normaliseInputSchema(DOUBLE_MODELS.find((m) => m.model_id === DOUBLE_LORA)!.input_schema));
const offlineRanges = { width: { min: 16, max: 4096 }, height: { min: 16, max: 4096 } };

describe('Studio form values (values → inputs)', () => {
  it('starts from the defaults the form shows, with a random seed', () => {
    assert.deepEqual(initialValues(klein), { steps: '25', width: '1024', height: '1024' });
    assert.deepEqual(initialValues(flash), { guidance_scale: '2.5', seed: RANDOM_SEED, image_size: 'landscape_4_3', output_format: 'png' });
  });

  it('turns text into typed inputs: numbers, enum values, booleans', () => {
    const { inputs, errors } = formInputs(flash, { guidance_scale: '3.5', seed: '42', image_size: 'square_hd', output_format: 'jpeg' });
    assert.deepEqual(errors, {});
    assert.deepEqual(inputs, { guidance_scale: 3.5, seed: 42, image_size: 'square_hd', output_format: 'jpeg' });
    const checkbox = buildFormControls(normaliseInputSchema({ properties: { enable_safety_checker: { type: 'boolean', default: true } } }));
    assert.deepEqual(formInputs(checkbox, { enable_safety_checker: false }).inputs, { enable_safety_checker: false });
  });

  it('names the field and its range in each message', () => {
    const { errors } = formInputs(klein, { width: '3000', height: '100.5', steps: '' });
    assert.equal(errors.width, 'Width must be a whole number from 512 to 1536.');
    assert.equal(errors.height, 'Height must be a whole number from 512 to 1536.');
    assert.equal(errors.steps, undefined, 'an empty optional field is left to the model');
    assert.equal(formInputs(flash, { guidance_scale: 'lots' }).errors.guidance_scale, 'Guidance Scale must be a number from 0 to 20.');
    assert.equal(formInputs(flash, { image_size: 'huge' }).errors.image_size, 'Image Size must be one of square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9.');
  });

  it('leaves out empty optional fields: no value the user did not see is sent', () => {
    assert.deepEqual(formInputs(klein, { width: '1024', height: '', steps: '' }).inputs, { width: 1024 });
  });

  it('draws a fresh seed for "random" in the seed range, and keeps a fixed one', () => {
    const seeds = [0, 0.5, 0.999999].map((r) => formInputs(flash, { seed: RANDOM_SEED }, () => r).inputs.seed);
    assert.deepEqual(seeds, [0, 1073741824, 2147481500]);
    assert.equal(randomSeed({ min: 10, max: 12 }, () => 0.99), 12);
    assert.equal(formInputs(flash, { seed: '' }, () => 0).inputs.seed, 0, 'an emptied seed is random too');
    assert.equal(formInputs(flash, { seed: '7' }).inputs.seed, 7);
    assert.equal(formInputs(flash, { seed: '7.5' }).errors.seed, 'Seed must be a whole number.');
  });

  it('parses JSON fields and says where they stop being JSON', () => {
    assert.deepEqual(formInputs(lora, { loras: '[{"path": "a.safetensors", "scale": 0.8}]' }).inputs.loras, [{ path: 'a.safetensors', scale: 0.8 }]);
    assert.match(formInputs(lora, { loras: '[{"path": }]' }).errors.loras!, /^LoRAs is not valid JSON: /);
    assert.equal('loras' in formInputs(lora, { loras: '  ' }).inputs, false);
  });

  it('gives width and height the offline renderer’s range when offline', () => {
    const offline = controlsFor(klein, true, offlineRanges);
    assert.deepEqual(formInputs(offline, { width: '320', height: '200' }).inputs, { width: 320, height: 200 });
    assert.equal(formInputs(offline, { width: '5000' }).errors.width, 'Width must be a whole number from 16 to 4096.');
    assert.deepEqual(controlsFor(klein, false, offlineRanges), klein);
  });

  it('requires a required input; a required image needs a reference, a required video says it cannot be attached yet', () => {
    const schema = normaliseInputSchema({
      required: ['prompt', 'style', 'image_url', 'clip_url'],
      properties: {
        prompt: { type: 'string' },
        style: { type: 'string' },
        image_url: { type: 'string', format: 'image_uri' },
        clip_url: { type: 'string', format: 'video_uri' },
      },
    });
    const controls = buildFormControls(schema);
    const { errors } = formInputs(controls, { style: ' ' });
    assert.equal(errors.style, 'Style is required.');
    assert.equal(errors.image_url, 'Image url: this model needs a reference image. Add from Workspace, drop an image from the Explorer, or use a gallery image as reference.');
    assert.match(errors.clip_url!, /cannot attach yet/);
    const attached = formInputs(controls, { style: 'noir' }, () => 0, { image_url: 1 });
    assert.equal(attached.errors.image_url, undefined, 'one reference attached');
    assert.equal('image_url' in attached.inputs, false, 'the host fills the images in, not the form');
    assert.match(formInputs(controls, { style: 'noir' }, () => 0, { image_url: 2 }).errors.image_url!, /at most 1 image; remove 1\.$/);
  });
});

describe('Studio form values kept per model', () => {
  it('restores a model’s values over its defaults and drops what no longer fits', () => {
    const kept = { guidance_scale: '7', image_size: 'gone_value', seed: '99', stale_field: 'x', output_format: true };
    assert.deepEqual(valuesFor(flash, kept), { guidance_scale: '7', seed: '99', image_size: 'landscape_4_3', output_format: 'png' });
  });

  it('keeps each model’s values, most recent first, and forgets the oldest beyond the limit', () => {
    let byModel = keepValues({}, KLEIN_9B, { width: '1536' });
    byModel = keepValues(byModel, FLUX_2_FLASH, { image_size: 'square' });
    byModel = keepValues(byModel, KLEIN_9B, { width: '768' });
    assert.deepEqual(Object.keys(byModel), [KLEIN_9B, FLUX_2_FLASH]);
    assert.deepEqual(byModel[KLEIN_9B], { width: '768' });
    assert.deepEqual(byModel[FLUX_2_FLASH], { image_size: 'square' });
    for (let i = 0; i < KEPT_MODELS + 5; i++) byModel = keepValues(byModel, `model-${i}`, {});
    assert.equal(Object.keys(byModel).length, KEPT_MODELS);
    assert.equal(byModel[KLEIN_9B], undefined);
  });
});
