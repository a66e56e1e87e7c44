import * as assert from 'node:assert/strict';
import { toolConfirmation } from '../../../../src/core/consent/toolConfirmation';

describe('chat tool confirmation', () => {
  const facts = { prompt: 'A paper boat', width: 768, height: 512, steps: 25, target: 'assets/generated/a-paper-boat.png', offline: false, model: 'owner/big/model', extraInputs: {} };

  it('names the model and the steps, not only prompt, size and path', () => {
    assert.deepEqual(toolConfirmation(facts).lines, [
      'Prompt: A paper boat',
      'Size: 768 × 512',
      'Save to: assets/generated/a-paper-boat.png',
      'Model: owner/big/model',
      'Steps: 25',
      'Generated with your RunComfy account; this may be charged.',
    ]);
  });

  it('lists extra inputs and says when the workspace chose the model', () => {
    const { lines } = toolConfirmation({ ...facts, extraInputs: { num_outputs: 4 }, usersModel: 'owner/small/model' });
    assert.ok(lines.includes('Model: owner/big/model (set by this workspace; your setting: owner/small/model)'));
    assert.ok(lines.includes('Extra inputs: {"num_outputs":4}'));
  });

  it('says what the image will cost before anything is spent', () => {
    const { lines } = toolConfirmation({ ...facts, price: { line: 'FLUX.2 Klein 9B · $0.012 per image', estimate: '≈ $0.01' } });
    assert.equal(lines.at(-1), 'Cost: ≈ $0.01 (FLUX.2 Klein 9B · $0.012 per image), charged to your RunComfy account.');
  });

  it('says an offline placeholder costs nothing', () => {
    const c = toolConfirmation({ ...facts, offline: true });
    assert.equal(c.title, 'Render a placeholder image?');
    assert.ok(!c.lines.some((l) => l.startsWith('Model:')));
  });
});
