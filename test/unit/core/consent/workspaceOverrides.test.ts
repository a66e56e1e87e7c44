import * as assert from 'node:assert/strict';
import { overridesFingerprint, overridesQuestion, spendingOverrides, type InspectedSetting } from '../../../../src/core/consent/workspaceOverrides';

const DEFAULT_MODEL = 'blackforestlabs/flux-2-klein/9b/text-to-image';
const model = (s: Partial<InspectedSetting>): InspectedSetting => ({ key: 'model', defaultValue: DEFAULT_MODEL, effective: DEFAULT_MODEL, ...s });
const extra = (s: Partial<InspectedSetting>): InspectedSetting => ({ key: 'extraInputs', defaultValue: {}, effective: {}, ...s });

describe('workspace settings that change spending', () => {
  it('finds a workspace model that differs from the user setting, or from the default', () => {
    assert.deepEqual(spendingOverrides([model({ workspaceValue: 'big/costly/model', effective: 'big/costly/model' })]), [
      { key: 'model', workspaceValue: 'big/costly/model', userValue: DEFAULT_MODEL },
    ]);
    assert.deepEqual(spendingOverrides([model({ globalValue: 'my/own/model', workspaceFolderValue: 'big/costly/model', effective: 'big/costly/model' })]), [
      { key: 'model', workspaceValue: 'big/costly/model', userValue: 'my/own/model' },
    ]);
  });

  it('ignores workspace values equal to the user value, and values not in effect (an untrusted workspace)', () => {
    assert.deepEqual(spendingOverrides([model({ globalValue: 'a/b', workspaceValue: 'a/b', effective: 'a/b' })]), []);
    assert.deepEqual(spendingOverrides([model({ workspaceValue: 'big/costly/model', effective: DEFAULT_MODEL })]), []);
    assert.deepEqual(spendingOverrides([model({ globalValue: 'my/own/model', effective: 'my/own/model' })]), [], 'the user’s own setting is no override');
    assert.deepEqual(spendingOverrides([extra({ globalValue: { a: 1, b: 2 }, workspaceValue: { b: 2, a: 1 }, effective: { b: 2, a: 1 } })]), [], 'key order does not matter');
  });

  it('asks in one sentence naming each value and the user’s own', () => {
    const one = overridesQuestion(spendingOverrides([model({ workspaceValue: 'big/costly/model', effective: 'big/costly/model' })]));
    assert.equal(one.message, `This workspace sets runcomfy.model to big/costly/model (your setting: ${DEFAULT_MODEL}). Use it?`);
    assert.match(one.detail, /remembered for this workspace until these settings change/);
    const two = overridesQuestion(
      spendingOverrides([model({ workspaceValue: 'x/y', effective: 'x/y' }), extra({ workspaceValue: { num_images: 4 }, effective: { num_images: 4 } })]),
    );
    assert.equal(two.message, `This workspace sets runcomfy.model to x/y (your setting: ${DEFAULT_MODEL}) and runcomfy.extraInputs to {"num_images":4} (your setting: {}). Use them?`);
  });

  it('remembers an answer only until a value changes', () => {
    const a = overridesFingerprint(spendingOverrides([extra({ workspaceValue: { n: 4, q: 'hi' }, effective: { n: 4, q: 'hi' } })]));
    const same = overridesFingerprint(spendingOverrides([extra({ workspaceValue: { q: 'hi', n: 4 }, effective: { q: 'hi', n: 4 } })]));
    const changed = overridesFingerprint(spendingOverrides([extra({ workspaceValue: { n: 8, q: 'hi' }, effective: { n: 8, q: 'hi' } })]));
    assert.equal(a, same);
    assert.notEqual(a, changed);
  });
});
