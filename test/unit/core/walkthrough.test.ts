import * as assert from 'node:assert/strict';
import { qualifiedWalkthroughId, shouldOpenWalkthrough } from '../../../src/core/walkthrough';

describe('core/walkthrough', () => {
  const firstStart = { alreadyShown: false, installed: true, openOnInstall: true };

  it('opens on the first start of an installed copy', () => {
    assert.equal(shouldOpenWalkthrough(firstStart), true);
  });

  it('opens only once', () => {
    assert.equal(shouldOpenWalkthrough({ ...firstStart, alreadyShown: true }), false);
  });

  it('stays closed when the user turned off walkthroughs on install', () => {
    assert.equal(shouldOpenWalkthrough({ ...firstStart, openOnInstall: false }), false);
  });

  it('stays closed in development and under test, where every start is a first start', () => {
    assert.equal(shouldOpenWalkthrough({ ...firstStart, installed: false }), false);
  });

  it('names the walkthrough as workbench.action.openWalkthrough expects: publisher.name#id', () => {
    assert.equal(qualifiedWalkthroughId({ publisher: 'runcomfy', name: 'runcomfy-images' }), 'runcomfy.runcomfy-images#gettingStarted');
  });
});
