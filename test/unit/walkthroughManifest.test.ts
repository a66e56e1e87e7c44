import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/core/commandIds';
import { readPngSize } from '../../src/core/images/png';
import { WALKTHROUGH_ID } from '../../src/core/walkthrough';
import { packed, repoRoot as root, walkthroughs } from '../support/packagedFiles';

/**
 * Commands a walkthrough button may name before the branch that adds them is merged (they are listed,
 * not hidden: a button whose command is missing does nothing when clicked).
 * `runcomfy.chooseModel`: the catalog-editor branch.
 */
describe('getting-started walkthrough (contributes.walkthroughs)', () => {
  const walkthrough = walkthroughs.find((w) => w.id === WALKTHROUGH_ID);
  const steps = walkthrough?.steps ?? [];

  it('is declared under the id the first activation opens', () => {
    assert.ok(walkthrough, `a walkthrough with id ${WALKTHROUGH_ID}`);
    assert.ok(walkthrough.title.length > 0 && walkthrough.description.length > 0);
  });

  it('covers token or offline, a first image, alt text, the Studio and choosing a model, in that order', () => {
    assert.deepEqual(steps.map((s) => s.id), ['setup', 'generate', 'altText', 'studio', 'chooseModel']);
  });

  it('gives every step a screenshot that is packed, with alt text for screen readers', () => {
    for (const step of steps) {
      const image = step.media.image;
      assert.ok(image && /^media\/walkthrough\/[\w-]+\.png$/.test(image), `${step.id}: ${image}`);
      assert.ok(packed(image), `${image} is packed (.vscodeignore)`);
      assert.ok((step.media.altText ?? '').length > 20, `${step.id} describes its picture`);
      // The UI test (test/ui/walkthrough.test.ts) writes these; a missing one means it has not run yet.
      if (existsSync(path.join(root, image))) assert.ok(readPngSize(readFileSync(path.join(root, image))), `${image} is a PNG`);
    }
  });

  it('gives every step a command button naming a declared command (or VS Code\'s own), and a way to complete', () => {
    const declared = new Set<string>(Object.values(COMMANDS));
    for (const step of steps) {
      const buttons = [...step.description.matchAll(/\[[^\]]+\]\(command:([\w.]+)/g)].map((m) => m[1]!);
      assert.ok(buttons.length > 0, `${step.id} has a command button`);
      for (const command of buttons) {
        assert.ok(declared.has(command) || command.startsWith('workbench.action.'), `${step.id}: ${command} is declared`);
      }
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} can be completed`);
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(declared.has(command), `${step.id}: ${event} names a declared command`);
      }
    }
  });
});
