import * as assert from 'node:assert/strict';
import { FLUX_2_FLASH, KLEIN_4B, KLEIN_9B, snapshotInputSchema } from '../../../src/runcomfy/catalogSnapshot';
import { normaliseInputSchema } from '../../../src/runcomfy/inputSchema';
import { buildFormControls, offlineSizeFor, sizePresetsFor, type FormControl } from '../../../src/studio/formControls';
import { DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_LORA, DOUBLE_MODELS } from '../../support/doubleModels';

const doubleSchema = (id: string) => normaliseInputSchema(DOUBLE_MODELS.find((m) => m.model_id === id)!.input_schema);
const byName = (controls: FormControl[]) => new Map(controls.map((c) => [c.name, c]));

describe('Studio form controls (schema → controls)', () => {
  it('Klein 9B: the prompt, then number inputs with their ranges and defaults; no sample prompt shown', () => {
    const controls = buildFormControls(snapshotInputSchema(KLEIN_9B)!);
    assert.deepEqual(controls[0], { name: 'prompt', title: 'Prompt', description: '', required: true, kind: 'prompt' });
    const fields = byName(controls);
    assert.deepEqual(fields.get('width'), {
      name: 'width',
      title: 'Width',
      description: 'The width in pixels of the output image.',
      required: false,
      kind: 'integer',
      min: 512,
      max: 1536,
      step: 1,
      default: 1024,
    });
    assert.equal(fields.get('steps')?.kind, 'integer');
    assert.deepEqual([fields.get('steps')].map((c) => c && 'max' in c && c.max), [100]);
  });

  it('FLUX.2 Flash: float as number, enums as selects with their default, seed with random', () => {
    const fields = byName(buildFormControls(snapshotInputSchema(FLUX_2_FLASH)!));
    assert.deepEqual(fields.get('guidance_scale'), {
      name: 'guidance_scale',
      title: 'Guidance Scale',
      description: 'How closely the model should stick to the prompt.',
      required: false,
      kind: 'number',
      min: 0,
      max: 20,
      default: 2.5,
    });
    const size = fields.get('image_size');
    assert.equal(size?.kind, 'enum');
    assert.deepEqual(size.kind === 'enum' && size.options, ['square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9']);
    assert.equal(size.kind === 'enum' && size.default, 'landscape_4_3');
    // default: null is dropped: the seed starts as "random", not as a value nobody chose.
    assert.deepEqual(fields.get('seed'), { name: 'seed', title: 'Seed', description: '', required: false, kind: 'seed' });
  });

  it('the reference image input becomes a references area with its limits, structured arrays a JSON field; no sample media is shown', () => {
    const edit = byName(buildFormControls(doubleSchema(DOUBLE_EDIT)));
    assert.deepEqual(edit.get('image_urls'), {
      name: 'image_urls',
      title: 'Images',
      description: 'Reference images (URL or data URI).',
      required: true,
      kind: 'media',
      mediaType: 'image',
      multiple: true,
      maxItems: 10,
      // 6 MiB is below the model's own "under 10 MB" rule, so RunComfy's cap is the one stated.
      references: { minItems: 1, maxItems: 10, maxBytes: 6 * 1024 * 1024 },
    });
    const lora = byName(buildFormControls(doubleSchema(DOUBLE_LORA)));
    assert.equal(lora.get('loras')?.kind, 'json');
    assert.equal('default' in lora.get('loras')!, false);
  });

  it('only the model’s reference field is a references area; a second image input or a video stays a note', () => {
    const schema = normaliseInputSchema({
      required: ['prompt', 'image_url'],
      properties: {
        prompt: { type: 'string' },
        mask_url: { type: 'string', format: 'image_uri' },
        image_url: { type: 'string', format: 'image_uri', validations: [{ validation_rule: 'file_size_mb<', validation_value: 2 }] },
        clip: { type: 'string', format: 'video_uri' },
      },
    });
    const fields = byName(buildFormControls(schema));
    const image = fields.get('image_url');
    assert.deepEqual(image?.kind === 'media' && image.references, { minItems: 1, maxItems: 1, maxBytes: 1_999_999 }, 'the model’s stricter file-size rule');
    for (const name of ['mask_url', 'clip']) {
      const control = fields.get(name);
      assert.equal(control?.kind === 'media' && control.references, undefined, name);
    }
  });

  it('booleans become checkboxes, other strings text fields', () => {
    const schema = normaliseInputSchema({
      properties: {
        enable_safety_checker: { type: 'boolean', default: true },
        negative_prompt: { type: 'string', maxLength: 200 },
        prompt: { type: 'string' },
      },
    });
    const controls = buildFormControls(schema);
    assert.equal(controls[0]!.kind, 'prompt', 'the prompt comes first whatever the schema order');
    const fields = byName(controls);
    assert.deepEqual(fields.get('enable_safety_checker'), { name: 'enable_safety_checker', title: 'Enable safety checker', description: '', required: false, kind: 'boolean', default: true });
    assert.deepEqual(fields.get('negative_prompt'), { name: 'negative_prompt', title: 'Negative prompt', description: '', required: false, kind: 'string', maxLength: 200 });
  });
});

describe('Studio size presets (mapped through the size mapping)', () => {
  it('width/height models: the preset size as the model takes it', () => {
    const presets = sizePresetsFor(snapshotInputSchema(KLEIN_9B)!);
    assert.deepEqual(presets.map((p) => p.label), ['Square', 'Landscape', 'Portrait', 'Wide', 'Banner']);
    const wide = presets.find((p) => p.label === 'Wide')!;
    assert.deepEqual(wide.inputs, { width: 1536, height: 864 });
    assert.equal(wide.result, '1536×864');
    assert.deepEqual(sizePresetsFor(snapshotInputSchema(KLEIN_4B)!).find((p) => p.label === 'Banner')?.inputs, { width: 1536, height: 512 });
  });

  it('image_size models: the nearest named size', () => {
    const presets = sizePresetsFor(snapshotInputSchema(FLUX_2_FLASH)!);
    const result = Object.fromEntries(presets.map((p) => [p.label, p.result]));
    assert.deepEqual(result, { Square: 'square_hd', Landscape: 'landscape_4_3', Portrait: 'portrait_4_3', Wide: 'landscape_16_9', Banner: 'landscape_16_9' });
    assert.deepEqual(presets[0]!.inputs, { image_size: 'square_hd' });
  });

  it('aspect ratio + resolution models: both enums', () => {
    const presets = sizePresetsFor(doubleSchema(DOUBLE_ASPECT));
    const wide = presets.find((p) => p.label === 'Wide')!;
    // 1536×864 is 1.3 MP: 2K at 16:9 (2048×1152) is nearer than 1K (1024×576).
    assert.deepEqual(wide.inputs, { aspect_ratio: '16:9', resolution: '2K' });
    assert.equal(wide.result, '16:9 · 2K');
    assert.deepEqual(presets.find((p) => p.label === 'Square')!.inputs, { aspect_ratio: '1:1', resolution: '1K' });
    assert.deepEqual(presets.find((p) => p.label === 'Landscape')!.inputs.aspect_ratio, '3:2');
  });

  it('no presets for a model that takes no size, or an unknown one', () => {
    assert.deepEqual(sizePresetsFor(doubleSchema(DOUBLE_EDIT)), []);
    assert.deepEqual(sizePresetsFor(normaliseInputSchema(undefined)), []);
  });

  it('offline placeholders take the width and height, or the named shape at a 1024 long side', () => {
    const fallback = { width: 640, height: 480 };
    assert.deepEqual(offlineSizeFor(snapshotInputSchema(KLEIN_9B)!, { width: 320, height: 200 }, fallback), { width: 320, height: 200 });
    assert.deepEqual(offlineSizeFor(snapshotInputSchema(FLUX_2_FLASH)!, { image_size: 'portrait_16_9' }, fallback), { width: 576, height: 1024 });
    assert.deepEqual(offlineSizeFor(doubleSchema(DOUBLE_ASPECT), { aspect_ratio: '3:2' }, fallback), { width: 1024, height: 683 });
    assert.deepEqual(offlineSizeFor(doubleSchema(DOUBLE_EDIT), {}, fallback), fallback);
  });
});
