import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));

describe('package.json', () => {
  it('keeps the API base URL out of reach of workspace settings', () => {
    const baseUrl = manifest.contributes.configuration.properties['runcomfy.baseUrl'];
    assert.equal(baseUrl.scope, 'application');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['runcomfy.baseUrl']);
    assert.equal(manifest.capabilities.virtualWorkspaces, false);
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });
});
