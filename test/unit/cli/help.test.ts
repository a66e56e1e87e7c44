import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, runCli, tempProject } from './cliHarness';

describe('cli: help, version and usage errors', () => {
  let temp: Awaited<ReturnType<typeof tempProject>>;
  before(async () => (temp = await tempProject()));
  after(() => temp.dispose());
  const run = (...args: string[]) => runCli(args, { cwd: temp.project });

  it('--help lists every command, the environment and the exit codes, and exits 0', async () => {
    const { code, stdout } = await run('--help');
    assert.equal(code, 0);
    for (const word of ['generate', 'fill', 'upgrade', 'status', 'result', 'cancel', 'RUNCOMFY_API_TOKEN', 'RUNCOMFY_BASE_URL', '130  cancelled', 'Examples:']) {
      assert.ok(stdout.includes(word), `missing ${word}`);
    }
  });

  for (const command of ['generate', 'fill', 'upgrade', 'status', 'result', 'cancel']) {
    it(`${command} --help shows usage and examples and exits 0`, async () => {
      const { code, stdout } = await run(command, '--help');
      assert.equal(code, 0);
      assert.match(stdout, new RegExp(`^Usage: runcomfy-images ${command} `));
      assert.match(stdout, new RegExp(`Examples:\\n  runcomfy-images ${command} `));
    });
  }

  it('--version prints the package version', async () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const { code, stdout } = await run('--version');
    assert.equal(code, 0);
    assert.equal(stdout.trim(), manifest.version);
    assert.equal(manifest.bin['runcomfy-images'], 'dist/cli.js');
  });

  for (const [args, message] of [
    [[], /Usage: runcomfy-images <command>/],
    [['paint'], /Unknown command "paint"/],
    [['generate'], /Give a prompt/],
    [['generate', '--colour', 'red', 'x'], /Unknown option '--colour'/],
    [['generate', '--width', 'wide', 'x'], /--width must be a whole number from 16 to 4096, got "wide"/],
    [['generate', '--timeout=-1', 'x'], /--timeout must be a number of seconds/],
    [['generate', '--timeout', '6000000', 'x'], /--timeout must be a number of seconds from more than 0 to 604800 \(7 days\), got "6000000"/],
    [['generate', '--model', 'x/../../../v1/requests/ID/cancel', 'x'], /--model must be a RunComfy model id like owner\/family\/variant/],
    [['generate', '--model', 'owner/./name', 'x'], /--model must be a RunComfy model id/],
    [['fill'], /Name the Markdown files or folders/],
    [['fill', 'nowhere.md'], /nowhere\.md: no such file or folder/],
    [['status'], /Give exactly one request id/],
    [['cancel', 'a', 'b'], /Give exactly one request id/],
  ] as const) {
    it(`exits 2 for: runcomfy-images ${args.join(' ')}`, async () => {
      const { code, stdout, stderr } = await run(...args);
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, message);
    });
  }

  it('exits 2 for a RUNCOMFY_BASE_URL that is not an http(s) URL', async () => {
    const { code, stderr } = await runCli(['status', 'abc'], { cwd: temp.project, env: { RUNCOMFY_API_TOKEN: 't', RUNCOMFY_BASE_URL: 'ftp://x' } });
    assert.equal(code, 2);
    assert.match(stderr, /RUNCOMFY_BASE_URL must be an http\(s\) URL/);
  });

  it('exits 2 for a plain http RUNCOMFY_BASE_URL that is not loopback, before anything is sent', async () => {
    const { code, stderr } = await runCli(['status', 'abc'], { cwd: temp.project, env: { RUNCOMFY_API_TOKEN: 't', RUNCOMFY_BASE_URL: 'http://model-api.runcomfy.net' } });
    assert.equal(code, 2);
    assert.match(stderr, /RUNCOMFY_BASE_URL must use https \(plain http only for localhost/);
  });
});
