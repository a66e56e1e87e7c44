import * as assert from 'node:assert/strict';
import { checkModelInput, FLUX_2_FLASH, KLEIN_9B, normaliseInputSchema, snapshotInputSchema } from '../../../src/runcomfy';
import { DOUBLE_EDIT, DOUBLE_LORA, DOUBLE_MODELS } from '../../support/doubleModels';

const doubleSchema = (id: string) => normaliseInputSchema(DOUBLE_MODELS.find((m) => m.model_id === id)!.input_schema);
const messages = (schema: ReturnType<typeof normaliseInputSchema>, body: Record<string, unknown>) =>
  checkModelInput(schema, body, 'The model').problems.map((p) => `${p.field}: ${p.message}`);

describe('input validation against the normalised schema', () => {
  it('checks the fixture schema with z.fromJSONSchema and names the field and what it allows', () => {
    const flash = snapshotInputSchema(FLUX_2_FLASH)!;
    assert.deepEqual(messages(flash, { prompt: 'x', guidance_scale: 2.75, seed: 7, image_size: 'square', output_format: 'webp' }), []);
    assert.deepEqual(messages(flash, { prompt: 'x', guidance_scale: 21 }), [
      'guidance_scale: The model needs guidance_scale to be a number from 0 to 20 (got 21).',
    ]);
    assert.deepEqual(messages(flash, { prompt: 'x', image_size: 'huge' }), [
      'image_size: The model needs image_size to be one of "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9" (got "huge").',
    ]);
    assert.deepEqual(messages(flash, { prompt: 'x', seed: 1.5, output_format: 'gif' }), [
      'seed: The model needs seed to be a whole number (got 1.5).',
      'output_format: The model needs output_format to be one of "jpeg", "png", "webp" (got "gif").',
    ]);
  });

  it('refuses a missing or blank required field', () => {
    const klein = snapshotInputSchema(KLEIN_9B)!;
    assert.deepEqual(messages(klein, { prompt: '   ', width: 1024 }), ['prompt: The model needs a prompt: describe the image to generate.']);
    const edit = doubleSchema(DOUBLE_EDIT);
    assert.deepEqual(messages(edit, { prompt: 'x' }), [
      'image_urls: The model needs image_urls (Images): it is required, a list of 1 to 10 image URLs (https://…) or data: URIs.',
    ]);
  });

  it('checks media lists: count, and URLs or data URIs only', () => {
    const edit = doubleSchema(DOUBLE_EDIT);
    const ok = { prompt: 'x', image_urls: ['https://cdn.example/a.png', 'data:image/png;base64,iVBORw0KGgo='] };
    assert.deepEqual(messages(edit, ok), []);
    assert.match(messages(edit, { prompt: 'x', image_urls: [] })[0]!, /a list of 1 to 10 image URLs .* \(got \[\]\)/);
    assert.match(messages(edit, { prompt: 'x', image_urls: Array(11).fill('https://a.example/x.png') })[0]!, /1 to 10 image URLs/);
    assert.match(messages(edit, { prompt: 'x', image_urls: ['docs/hero.png'] })[0]!, /image_urls to be a list of 1 to 10 image URLs/);
  });

  it('points into JSON inputs at the nested value at fault', () => {
    const lora = doubleSchema(DOUBLE_LORA);
    assert.deepEqual(messages(lora, { prompt: 'x', loras: [{ path: 'owner/lora', scale: 0.8 }] }), []);
    const [problem] = messages(lora, { prompt: 'x', loras: [{ path: 'owner/lora', scale: 9 }] });
    assert.match(problem!, /^loras: The model needs loras to be a JSON array matching its schema \(loras\[0\]\.scale: .*4.*\)/);
  });

  it('reports keys the schema does not know without refusing them', () => {
    const check = checkModelInput(snapshotInputSchema(KLEIN_9B)!, { prompt: 'x', seed: 3, negative_prompt: 'y' }, 'Klein');
    assert.deepEqual(check, { problems: [], unknownKeys: ['seed', 'negative_prompt'] });
  });

  it('describes one-sided and exclusive ranges, lengths and booleans', () => {
    const schema = normaliseInputSchema({
      properties: {
        count: { type: 'integer', minimum: 1 },
        strength: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        caption: { type: 'string', maxLength: 5 },
        safe: { type: 'boolean' },
        frames: { type: 'integer', multipleOf: 4, minimum: 8, maximum: 64 },
      },
    });
    assert.deepEqual(messages(schema, { count: 0, strength: 0, caption: 'too long', safe: 'yes', frames: 10 }), [
      'count: The model needs count to be a whole number at least 1 (got 0).',
      'strength: The model needs strength to be a number greater than 0 and at most 1 (got 0).',
      'caption: The model needs caption to be text of at most 5 characters (got "too long").',
      'safe: The model needs safe to be true or false (got "yes").',
      'frames: The model needs frames to be a whole number from 8 to 64, a multiple of 4 (got 10).',
    ]);
  });

  it('checks nothing for a schema without fields', () => {
    assert.deepEqual(checkModelInput(normaliseInputSchema(undefined), { anything: 1 }, 'x'), { problems: [], unknownKeys: [] });
  });
});
