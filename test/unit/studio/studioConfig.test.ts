import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { snapshotInputSchema, snapshotModels } from '../../../src/runcomfy/catalogSnapshot';
import { normaliseInputSchema } from '../../../src/runcomfy/inputSchema';
import { parseCatalogModel } from '../../../src/runcomfy/catalog';
import { buildStudioConfig, modelChoices } from '../../../src/studio/studioConfig';
import { DOUBLE_MODELS } from '../../support/doubleModels';

const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
const catalog = DOUBLE_MODELS.map((m) => parseCatalogModel(m)!);

describe('Studio config', () => {
  it('builds the form of the model in use from its schema, with the picker and provider state', () => {
    const config = buildStudioConfig({ settings: DEFAULT_SETTINGS, hasToken: true, insertTarget: 'docs/readme.md', models: snapshotModels(), schema: snapshotInputSchema(KLEIN_9B)! });
    assert.equal(config.model, KLEIN_9B);
    assert.equal(config.modelLabel, 'FLUX.2 Klein 9B');
    assert.equal(config.form.model, KLEIN_9B);
    assert.equal(config.form.known, true);
    assert.deepEqual(config.form.controls.map((c) => c.name), ['prompt', 'steps', 'width', 'height']);
    assert.deepEqual(config.offlineRanges, { width: { min: 16, max: 4096 }, height: { min: 16, max: 4096 } });
    assert.equal(config.hasToken, true);
    assert.equal(config.insertTarget, 'docs/readme.md');
  });

  it('offers the image models of the catalog by name, with their price, and never hides the current one', () => {
    const choices = modelChoices(catalog, KLEIN_9B);
    const ids = choices.map((c) => c.id);
    assert.ok(ids.includes('google/nano-banana-pro/text-to-image'));
    assert.ok(ids.includes('google/nano-banana-2-lite/edit'), 'image-to-image models are image models too');
    assert.ok(!ids.includes('bytedance/seedance-1-0-pro/text-to-video'), 'no video models');
    assert.deepEqual(choices.map((c) => c.label), [...choices.map((c) => c.label)].sort((a, b) => a.localeCompare(b)));
    assert.equal(choices.find((c) => c.id === KLEIN_9B)?.price, '$0.012 per image');
    const typed = modelChoices(catalog, 'someone/custom/model');
    assert.deepEqual(typed.find((c) => c.id === 'someone/custom/model'), { id: 'someone/custom/model', label: 'someone/custom/model', price: 'price unknown' });
  });

  it('asks only for the prompt of a model whose schema is unknown', () => {
    const config = buildStudioConfig({
      settings: { ...DEFAULT_SETTINGS, model: 'someone/custom/model', provider: 'offline' },
      hasToken: false,
      insertTarget: undefined,
      models: snapshotModels(),
      schema: normaliseInputSchema(undefined),
    });
    assert.equal(config.modelLabel, 'someone/custom/model');
    assert.equal(config.form.known, false);
    assert.deepEqual(config.form.controls, []);
    assert.deepEqual(config.form.presets, []);
    assert.equal(config.insertTarget, undefined);
  });
});
