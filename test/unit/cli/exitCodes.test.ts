import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { listFiles, runCli, withDoubleAndProject } from './cliHarness';

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('cli: exit codes per error type', () => {
  const t = withDoubleAndProject();

  for (const [name, prompt, args, exitCode, message] of [
    ['auth (401)', '[scenario:unauthorized] x', [], 3, /RunComfy rejected the API token \(HTTP 401\)\. Set RUNCOMFY_API_TOKEN/],
    ['balance (400002)', '[scenario:no-balance] x', [], 4, /no remaining balance/],
    ['balance (402)', '[scenario:no-balance-402] x', [], 4, /no remaining balance/],
    ['invalid input (422)', '[scenario:invalid-input] x', [], 5, /Input "width" was rejected/],
    ['invalid input (checked before sending)', 'x', ['--input', 'width=4000'], 5, /width to be a whole number from 512 to 1536/],
    ['invalid input (checked before sending)', 'x', ['--input', 'steps=500'], 5, /steps to be a whole number from 1 to 100 \(got 500\)/],
    ['unknown model', 'x', ['--model', 'someone/unknown/model'], 5, /does not know the model/],
    ['generation failed', '[scenario:failed] x', [], 6, /content policy/],
    ['service (5xx on submit)', '[scenario:submit-500] x', [], 8, /HTTP 500/],
    ['timeout', '[queue:5000] x', ['--timeout', '0.3'], 9, /Stopped waiting for request .* runcomfy-images result /],
    ['not found (expired)', '[scenario:expired] x', [], 10, /no longer knows request/],
    ['download (not an image)', '[scenario:html-download] x', [], 12, /./],
  ] as const) {
    it(`${name} → ${exitCode}, no file`, async () => {
      const { code, stdout, stderr } = await runCli(['generate', ...args, prompt], { cwd: t.temp.project, env: t.env });
      assert.equal(code, exitCode, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.deepEqual(await listFiles(t.temp.project), []);
      assert.ok(!stderr.includes(t.double.token));
    });
  }

  it('a wrong token → 3, and the token is never printed', async () => {
    const token = 'wrong-token-that-must-not-leak';
    const { code, stdout, stderr } = await runCli(['generate', 'x'], { cwd: t.temp.project, env: { ...t.env, RUNCOMFY_API_TOKEN: token } });
    assert.equal(code, 3);
    assert.ok(!stdout.includes(token) && !stderr.includes(token));
  });

  it('a token with a trailing \\r that the service echoes back is never printed', async () => {
    const env = { ...t.env, RUNCOMFY_API_TOKEN: `${t.double.token}\r` };
    const { code, stdout, stderr } = await runCli(['generate', '--json', '[scenario:echo-token] x'], { cwd: t.temp.project, env });
    assert.equal(code, 6, stderr);
    assert.ok(!stdout.includes(t.double.token) && !stderr.includes(t.double.token), `${stdout}\n${stderr}`);
    assert.match(stdout, /Upstream refused Authorization: Bearer «token» \(key=«token»\)/);
  });

  it('no token → 3 with what to set', async () => {
    const { code, stderr } = await runCli(['generate', 'x'], { cwd: t.temp.project, env: { RUNCOMFY_BASE_URL: t.env.RUNCOMFY_BASE_URL } });
    assert.equal(code, 3);
    assert.match(stderr, /RUNCOMFY_API_TOKEN is not set\. .* or pass --offline/);
    assert.equal(t.double.requests.length, 0);
  });

  it('network (closed port) → 7', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const { code, stderr } = await runCli(['generate', 'x'], { cwd: t.temp.project, env: { ...t.env, RUNCOMFY_BASE_URL: base } });
    assert.equal(code, 7, stderr);
    assert.match(stderr, /ECONNREFUSED|refused|connect/i);
  });
});
