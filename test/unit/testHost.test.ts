import * as assert from 'node:assert/strict';
import { chooseTestHost } from '../harness/testHost';

describe('chooseTestHost', () => {
  it('uses code-server on a headless Linux machine', () => {
    assert.equal(chooseTestHost({}, 'linux').host, 'code-server');
  });

  it('uses desktop VS Code where there is a display, falling back to code-server on Linux', () => {
    assert.deepEqual(chooseTestHost({ DISPLAY: ':0' }, 'linux'), { host: 'electron', reason: 'a display is available', fallBackToCodeServer: true });
    assert.equal(chooseTestHost({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux').host, 'electron');
    assert.deepEqual(chooseTestHost({}, 'darwin'), { host: 'electron', reason: 'a display is available', fallBackToCodeServer: false });
  });

  it('obeys RUNCOMFY_VSCODE_HOST and rejects anything else', () => {
    assert.equal(chooseTestHost({ RUNCOMFY_VSCODE_HOST: 'code-server', DISPLAY: ':0' }, 'linux').host, 'code-server');
    assert.equal(chooseTestHost({ RUNCOMFY_VSCODE_HOST: 'electron' }, 'linux').host, 'electron');
    assert.throws(() => chooseTestHost({ RUNCOMFY_VSCODE_HOST: 'chrome' }, 'linux'), /must be "electron" or "code-server"/);
  });
});
