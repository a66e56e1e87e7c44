import * as assert from 'node:assert/strict';
import { KLEIN_4B, KLEIN_9B, knownModelSchema, snapshotInputSchema, snapshotModel } from '../../../src/runcomfy';

describe('known models (the editor ranges) and the embedded snapshot', () => {
  for (const id of [KLEIN_9B, KLEIN_4B]) {
    it(`agree on ${id}: name, ranges, defaults and whether it has steps`, () => {
      const known = knownModelSchema(id)!;
      const inputs = snapshotInputSchema(id)!;
      const range = (name: string) => {
        const field = inputs.byName.get(name);
        return field && { min: field.minimum, max: field.maximum, default: field.default };
      };
      assert.equal(known.displayName, snapshotModel(id)!.displayName);
      assert.deepEqual(known.width, range('width'));
      assert.deepEqual(known.height, range('height'));
      assert.deepEqual(known.steps, range('steps'));
    });
  }
});
