import * as assert from 'node:assert/strict';
import { isOffline, rangesFor, validateForm } from '../../../src/studio/formRules';
import type { StudioConfig } from '../../../src/studio/protocol';

const config: StudioConfig = {
  model: 'blackforestlabs/flux-2-klein/9b/text-to-image',
  modelLabel: 'FLUX.2 Klein 9B',
  provider: 'runcomfy',
  hasToken: true,
  ranges: { width: { min: 512, max: 1536 }, height: { min: 512, max: 1536 }, steps: { min: 1, max: 100 } },
  offlineRanges: { width: { min: 16, max: 4096 }, height: { min: 16, max: 4096 } },
  defaults: { width: 1024, height: 1024, steps: 25 },
};
const ok = { prompt: 'a fox', width: 1024, height: 1024, steps: 25 };

describe('Studio form rules', () => {
  it('accepts values inside the model ranges', () => {
    assert.deepEqual(validateForm(ok, rangesFor(config, false)), {});
  });

  it('names the allowed range in each message', () => {
    const errors = validateForm({ prompt: ' ', width: 2000, height: 100, steps: 0 }, rangesFor(config, false));
    assert.equal(errors.prompt, 'Describe the image you want.');
    assert.equal(errors.width, 'Width must be a whole number from 512 to 1536.');
    assert.equal(errors.height, 'Height must be a whole number from 512 to 1536.');
    assert.equal(errors.steps, 'Steps must be a whole number from 1 to 100.');
  });

  it('refuses fractions and empty numbers', () => {
    const errors = validateForm({ ...ok, width: 1000.5, height: Number.NaN }, rangesFor(config, false));
    assert.ok(errors.width && errors.height);
  });

  it('uses the offline renderer ranges (and no steps) for placeholders', () => {
    const ranges = rangesFor(config, true);
    assert.deepEqual(validateForm({ ...ok, width: 4000, height: 64, steps: 9999 }, ranges), {});
    assert.ok(validateForm({ ...ok, width: 5000 }, ranges).width?.includes('16 to 4096'));
  });

  it('skips steps for models without them', () => {
    const noSteps = { ...config, ranges: { width: config.ranges.width, height: config.ranges.height } };
    assert.deepEqual(validateForm({ ...ok, steps: -1 }, rangesFor(noSteps, false)), {});
  });

  it('is offline by setting or by the Studio choice', () => {
    assert.equal(isOffline(config, { offline: false }), false);
    assert.equal(isOffline(config, { offline: true }), true);
    assert.equal(isOffline({ ...config, provider: 'offline' }, { offline: false }), true);
  });
});
