import * as assert from 'node:assert/strict';
import { FLUX_2_FLASH, KLEIN_4B, KLEIN_9B, normaliseInputSchema, snapshotInputSchema, snapshotModel, snapshotModels } from '../../../src/runcomfy';
import { DOUBLE_EDIT, DOUBLE_LORA, DOUBLE_MODELS, DOUBLE_WORKFLOW } from '../../support/doubleModels';

const doubleSchema = (id: string) => normaliseInputSchema(DOUBLE_MODELS.find((m) => m.model_id === id)!.input_schema);

describe('input schema normalisation', () => {
  it('reads the captured FLUX.2 Flash schema: float is a number, null and sample defaults are gone, enums kept', () => {
    const flash = snapshotInputSchema(FLUX_2_FLASH)!;
    assert.deepEqual(flash.fields.map((f) => [f.name, f.kind, f.required]), [
      ['prompt', 'string', true],
      ['guidance_scale', 'number', false],
      ['seed', 'integer', false],
      ['image_size', 'enum', false],
      ['output_format', 'enum', false],
    ]);
    const guidance = flash.byName.get('guidance_scale')!;
    assert.deepEqual([guidance.minimum, guidance.maximum, guidance.default, guidance.schema.type], [0, 20, 2.5, 'number']);
    const seed = flash.byName.get('seed')!;
    assert.equal('default' in seed, false);
    assert.equal(seed.droppedDefault, 'null');
    assert.deepEqual(flash.byName.get('output_format')!.enum, ['jpeg', 'png', 'webp']);
    assert.equal(flash.byName.get('output_format')!.default, 'png');
    assert.equal(flash.byName.get('image_size')!.title, 'Image Size');
  });

  it("drops Klein 9B's sample prompt (the model page's hummingbird) but keeps its numeric defaults", () => {
    const klein = snapshotInputSchema(KLEIN_9B)!;
    const prompt = klein.byName.get('prompt')!;
    assert.equal(prompt.default, undefined);
    assert.equal(prompt.droppedDefault, 'sample-prompt');
    assert.deepEqual(['steps', 'width', 'height'].map((n) => klein.byName.get(n)!.default), [25, 1024, 1024]);
    assert.deepEqual(klein.byName.get('width')!.schema, { type: 'integer', minimum: 512, maximum: 1536 }, 'annotations and defaults stripped');
  });

  it('embeds Klein 9B and 4B exactly as PROTOCOL §7 states them, with no price (unknown, not free)', () => {
    const ranges = (id: string) =>
      snapshotInputSchema(id)!.fields.map((f) => [f.name, f.kind, f.required, f.minimum, f.maximum, f.default]);
    assert.deepEqual(ranges(KLEIN_9B), [
      ['prompt', 'string', true, undefined, undefined, undefined],
      ['steps', 'integer', false, 1, 100, 25],
      ['width', 'integer', false, 512, 1536, 1024],
      ['height', 'integer', false, 512, 1536, 1024],
    ]);
    assert.deepEqual(ranges(KLEIN_4B), [
      ['prompt', 'string', true, undefined, undefined, undefined],
      ['width', 'integer', false, 64, 2048, 1024],
      ['height', 'integer', false, 64, 2048, 1024],
    ]);
    assert.ok(snapshotModels().every((m) => m.basePriceUsd === undefined && m.categories.includes('text-to-image')));
    assert.equal(snapshotModel(`/${KLEIN_4B}/`)?.displayName, 'FLUX.2 Klein 4B');
    const copy = snapshotModel(KLEIN_9B)!;
    copy.categories.push('changed');
    assert.deepEqual(snapshotModel(KLEIN_9B)!.categories, ['text-to-image'], 'callers get copies');
  });

  it('finds media inputs by format, keeps maxItems and validations, and drops their sample files', () => {
    const edit = doubleSchema(DOUBLE_EDIT);
    const images = edit.byName.get('image_urls')!;
    assert.equal(images.kind, 'media');
    assert.deepEqual(images.media, {
      type: 'image',
      multiple: true,
      minItems: 1,
      maxItems: 10,
      validations: [
        { rule: 'file_size_mb<', value: 10, error: 'Each image must be under 10 MB.' },
        { rule: 'width/height<', value: 3, error: 'Aspect ratio must be under 3:1.' },
      ],
    });
    assert.equal(images.droppedDefault, 'sample-media');
    assert.deepEqual(images.schema, { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 10 });
    const single = doubleSchema(DOUBLE_WORKFLOW).byName.get('image')!;
    assert.deepEqual([single.kind, single.media?.multiple, single.schema], ['media', false, { type: 'string' }]);
  });

  it('recognises every media format, whatever the field is called', () => {
    const schema = normaliseInputSchema({
      properties: {
        first_frame: { type: 'string', format: 'image_uri' },
        clips: { type: 'array', items: { type: 'string', format: 'video_uri' } },
        soundtrack: { type: 'string', format: 'audio_uri', default: 'https://cdn.example/sample.wav' },
        voices: { type: 'array', format: 'audio_uris', maxItems: 2 },
        references: { type: 'string', format: 'video_uris' },
        prompt_image: { type: 'string', format: 'uri' },
      },
    });
    const media = schema.fields.map((f) => [f.name, f.kind, f.media?.type, f.media?.multiple]);
    assert.deepEqual(media, [
      ['first_frame', 'media', 'image', false],
      ['clips', 'media', 'video', true],
      ['soundtrack', 'media', 'audio', false],
      ['voices', 'media', 'audio', true],
      ['references', 'media', 'video', true],
      ['prompt_image', 'string', undefined, undefined],
    ]);
    assert.equal(schema.byName.get('soundtrack')!.droppedDefault, 'sample-media');
  });

  it('marks structured non-media arrays and objects as JSON inputs, normalising nested float types', () => {
    const loras = doubleSchema(DOUBLE_LORA).byName.get('loras')!;
    assert.equal(loras.kind, 'json');
    assert.deepEqual(loras.schema, {
      type: 'array',
      maxItems: 3,
      items: { type: 'object', required: ['path'], properties: { path: { type: 'string' }, scale: { type: 'number', minimum: 0, maximum: 4 } } },
    });
    const other = normaliseInputSchema({ properties: { settings: { type: 'object' }, anything: {}, weird: { type: 'tensor' } } });
    assert.deepEqual(other.fields.map((f) => [f.kind, f.schema]), [['json', { type: 'object' }], ['json', {}], ['json', {}]]);
  });

  it('drops sample texts in free-text fields but keeps short option-like defaults', () => {
    const schema = normaliseInputSchema({
      properties: {
        negative_prompt: { type: 'string', default: 'blurry' },
        lyrics: { type: 'string', default: 'la la la' },
        style: { type: 'string', default: 'a long sample sentence of prose' },
        empty: { type: 'string', default: '' },
        preset: { type: 'string', default: 'cinematic' },
        enabled: { type: 'boolean', default: false },
        link: { type: 'string', default: 'https://example.com/x' },
      },
    });
    const defaults = Object.fromEntries(schema.fields.map((f) => [f.name, f.default ?? f.droppedDefault]));
    assert.deepEqual(defaults, {
      negative_prompt: 'sample-prompt',
      lyrics: 'sample-prompt',
      style: 'sample-prompt',
      empty: 'sample-prompt',
      preset: 'cinematic',
      enabled: false,
      link: 'sample-media',
    });
  });

  it('tolerates unreadable schemas: no fields, never an exception', () => {
    for (const raw of [undefined, null, 'x', [], { properties: 'x' }, { properties: { a: 1 } }]) {
      assert.deepEqual(normaliseInputSchema(raw).fields, []);
    }
    const titled = normaliseInputSchema({ properties: { num_inference_steps: { type: 'int', pattern: '(' } } });
    assert.deepEqual(titled.fields.map((f) => [f.title, f.kind, f.schema]), [['Num inference steps', 'integer', { type: 'integer' }]]);
  });
});
