import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { buildStudioConfig } from '../../../src/studio/studioConfig';

describe('Studio config', () => {
  it('takes the ranges and name of a known model from its schema', () => {
    const config = buildStudioConfig(DEFAULT_SETTINGS, true, 'docs/readme.md');
    assert.equal(config.modelLabel, 'FLUX.2 Klein 9B');
    assert.deepEqual(config.ranges, { width: { min: 512, max: 1536 }, height: { min: 512, max: 1536 }, steps: { min: 1, max: 100 } });
    assert.deepEqual(config.offlineRanges, { width: { min: 16, max: 4096 }, height: { min: 16, max: 4096 } });
    assert.deepEqual(config.defaults, { width: 1024, height: 1024, steps: 25 });
    assert.equal(config.hasToken, true);
    assert.equal(config.insertTarget, 'docs/readme.md');
  });

  it('hides steps for a model without them', () => {
    const config = buildStudioConfig({ ...DEFAULT_SETTINGS, model: 'blackforestlabs/flux-2-klein/4b/text-to-image' }, false, undefined);
    assert.equal(config.ranges.steps, undefined);
    assert.equal(config.ranges.width.max, 2048);
  });

  it('lets an unknown model take any size a provider can render', () => {
    const config = buildStudioConfig({ ...DEFAULT_SETTINGS, model: 'someone/custom/model', provider: 'offline' }, false, undefined);
    assert.equal(config.modelLabel, 'someone/custom/model');
    assert.equal(config.provider, 'offline');
    assert.deepEqual(config.ranges.width, { min: 16, max: 4096 });
    assert.deepEqual(config.ranges.steps, { min: 1, max: 1000 });
  });
});
