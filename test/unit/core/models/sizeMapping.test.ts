import * as assert from 'node:assert/strict';
import { mapSizeToInputs, resolutionOf, shapeOf, sizeStyleOf } from '../../../../src/core/models/sizeMapping';
import { FLUX_2_FLASH, KLEIN_4B, KLEIN_9B, normaliseInputSchema, snapshotInputSchema } from '../../../../src/runcomfy';
import { DOUBLE_ASPECT, DOUBLE_MODELS, DOUBLE_VIDEO, DOUBLE_WORKFLOW } from '../../../support/doubleModels';

const doubleSchema = (id: string) => normaliseInputSchema(DOUBLE_MODELS.find((m) => m.model_id === id)!.input_schema);
const map = (schema: ReturnType<typeof normaliseInputSchema>, width: number, height: number) => mapSizeToInputs(schema, { width, height });

describe('size intent → the model inputs', () => {
  describe('integer width and height (Klein)', () => {
    const klein9 = snapshotInputSchema(KLEIN_9B)!;
    const klein4 = snapshotInputSchema(KLEIN_4B)!;

    it('sends an in-range size as asked, with no note', () => {
      assert.deepEqual(map(klein9, 1000, 563), { style: 'dimensions', inputs: { width: 1000, height: 563 }, size: { width: 1000, height: 563 } });
    });

    it('fits a size outside the range, keeping the shape and snapping to 16, with a note', () => {
      const wide = map(klein9, 3200, 1800);
      assert.deepEqual(wide.inputs, { width: 1536, height: 864 });
      assert.match(wide.note!, /3200×1800 is outside 512–1536; using 1536×864 \(same shape\)/);
      const tiny = map(klein9, 200, 100);
      assert.deepEqual(tiny.inputs, { width: 1024, height: 512 });
      const extreme = map(klein9, 4000, 100);
      assert.deepEqual(extreme.inputs, { width: 1536, height: 512 });
      assert.match(extreme.note!, /closest shape/);
    });

    it("uses each model's own range", () => {
      assert.deepEqual(map(klein4, 2048, 64).inputs, { width: 2048, height: 64 });
      assert.deepEqual(map(klein4, 4096, 4096).inputs, { width: 2048, height: 2048 });
    });

    it('rounds fractional sizes, and honours multipleOf and different ranges per side', () => {
      assert.deepEqual(map(klein9, 1000.4, 700).inputs, { width: 1008, height: 704 });
      const schema = normaliseInputSchema({
        properties: { width: { type: 'integer', minimum: 256, maximum: 1024, multipleOf: 64 }, height: { type: 'integer', minimum: 128, maximum: 2048, multipleOf: 64 } },
      });
      const mapped = map(schema, 1000, 1000);
      assert.deepEqual(mapped.inputs, { width: 1024, height: 1024 });
      assert.ok(mapped.note);
    });
  });

  describe('image_size enum (FLUX.2 Flash)', () => {
    const flash = snapshotInputSchema(FLUX_2_FLASH)!;
    it('chooses the value of the nearest shape, then the nearest pixel count', () => {
      assert.deepEqual(map(flash, 1920, 1080).inputs, { image_size: 'landscape_16_9' });
      assert.deepEqual(map(flash, 1080, 1920).inputs, { image_size: 'portrait_16_9' });
      assert.deepEqual(map(flash, 1024, 768).inputs, { image_size: 'landscape_4_3' });
      assert.deepEqual(map(flash, 600, 800).inputs, { image_size: 'portrait_4_3' });
      assert.deepEqual(map(flash, 1024, 1024).inputs, { image_size: 'square_hd' });
      assert.deepEqual(map(flash, 500, 500).inputs, { image_size: 'square' });
      assert.equal(map(flash, 1920, 1080).note, undefined, 'an exact shape needs no note');
    });
    it('notes when no value has the exact shape', () => {
      const banner = map(flash, 1200, 630);
      assert.deepEqual(banner.inputs, { image_size: 'landscape_16_9' });
      assert.match(banner.note!, /1200×630 \(1\.90:1\) has no exact image_size; using the closest shape, landscape_16_9/);
    });
  });

  describe('aspect_ratio and resolution enums', () => {
    const aspect = doubleSchema(DOUBLE_ASPECT);
    it('chooses the nearest ratio and the resolution nearest the wanted pixel count', () => {
      assert.deepEqual(map(aspect, 1920, 1080).inputs, { aspect_ratio: '16:9', resolution: '2K' });
      assert.deepEqual(map(aspect, 1024, 1024).inputs, { aspect_ratio: '1:1', resolution: '1K' });
      assert.deepEqual(map(aspect, 4096, 1755).inputs, { aspect_ratio: '21:9', resolution: '4K' });
      assert.deepEqual(map(aspect, 800, 1200).inputs, { aspect_ratio: '2:3', resolution: '1K' });
    });
    it('maps p-style resolutions by the short side (video)', () => {
      const video = doubleSchema(DOUBLE_VIDEO);
      assert.deepEqual(map(video, 1280, 720).inputs, { aspect_ratio: '16:9', resolution: '720p' });
      assert.deepEqual(map(video, 1080, 1920).inputs, { aspect_ratio: '9:16', resolution: '1080p' });
      assert.deepEqual(map(video, 640, 480).inputs.resolution, '480p');
    });
    it('reads the enum spellings catalogs use', () => {
      assert.deepEqual(shapeOf('16:9'), { value: '16:9', ratio: 16 / 9 });
      assert.deepEqual(shapeOf('1024x768'), { value: '1024x768', ratio: 4 / 3, pixels: 1024 * 768 });
      assert.equal(shapeOf('portrait_3_2')!.ratio, 2 / 3);
      assert.equal(shapeOf('auto'), undefined);
      assert.equal(shapeOf('match_input_image'), undefined);
      assert.deepEqual(resolutionOf('2K'), { value: '2K', longSide: 2048 });
      assert.deepEqual(resolutionOf('1 MP'), { value: '1 MP', pixels: 1_000_000 });
      assert.equal(resolutionOf('high'), undefined);
      const sizeOnly = normaliseInputSchema({ properties: { size: { type: 'string', enum: ['1K', '2K', '4K'] } } });
      assert.deepEqual(map(sizeOnly, 3000, 2000).inputs, { size: '4K' });
    });
  });

  it('sends nothing for a model that takes no size, and says so', () => {
    const noSize = doubleSchema(DOUBLE_WORKFLOW);
    assert.equal(sizeStyleOf(noSize).style, 'none');
    const mapped = map(noSize, 800, 600);
    assert.deepEqual(mapped.inputs, {});
    assert.match(mapped.note!, /takes no size; 800×600 is not sent/);
  });
});
