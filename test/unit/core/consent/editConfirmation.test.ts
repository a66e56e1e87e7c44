import * as assert from 'node:assert/strict';
import { toolConfirmation } from '../../../../src/core/consent/toolConfirmation';

describe('the chat tool confirmation for an edit', () => {
  it('lists the reference images, the edit model and the cost, and no size or steps', () => {
    const { title, lines } = toolConfirmation({
      prompt: 'make the sky stormy',
      width: 1024,
      height: 1024,
      steps: 25,
      target: 'img/hero-edit.png',
      offline: false,
      model: 'google/nano-banana-2-lite/edit',
      extraInputs: { seed: 1 },
      referenceImages: ['img/hero.png', 'img/sky.jpg'],
    });
    assert.equal(title, 'Edit images with RunComfy?');
    assert.deepEqual(lines, [
      'Instruction: make the sky stormy',
      'Reference images (sent to RunComfy): img/hero.png, img/sky.jpg',
      'Save to: img/hero-edit.png',
      'Model: google/nano-banana-2-lite/edit',
      'Generated with your RunComfy account; this may be charged.',
    ]);
  });
});
