import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readPngTextChunks } from '../../../src/core/images/png';
import { readPngSize } from '../../../src/core/images/png';
import { apiRequests, KLEIN_9B, listFiles, runCli, withDoubleAndProject } from './cliHarness';

describe('cli: generate', () => {
  const t = withDoubleAndProject();
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });

  it('generates with RunComfy, saves into the default destination and prints the path', async () => {
    const { code, stdout, stderr } = await run('generate', '--width', '768', '--height', '512', '--steps', '4', 'a hummingbird sipping nectar');
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'assets/generated/a-hummingbird-sipping-nectar.png\n');
    const png = await fs.readFile(path.join(t.temp.project, stdout.trim()));
    assert.deepEqual(readPngSize(png), { width: 768, height: 512 });
    const [job] = t.double.jobs.values();
    assert.deepEqual(job!.input, { prompt: 'a hummingbird sipping nectar', width: 768, height: 512, steps: 4 });
    assert.equal(readPngTextChunks(png).request_id, job!.id);
    // The price is read again, uncached, right before the paid submit.
    assert.deepEqual(apiRequests(t.double).slice(0, 2), [`GET /v1/models/${KLEIN_9B}`, `POST /v1/models/${KLEIN_9B}`]);
    assert.match(stderr, new RegExp(`request ${job!.id}`));
    assert.ok(!stderr.includes(t.double.token) && !stdout.includes(t.double.token));
    assert.ok(t.double.requests.filter((r) => r.server === 'files').every((r) => !r.authorization), 'downloads carry no token');
  });

  it('--count 3 --json runs three jobs and prints their request ids, files and timings', async () => {
    const { code, stdout, stderr } = await run('generate', '--count', '3', '--json', '--out', 'img', '--width', '512', '--height', '512', 'cozy cafe');
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.equal(report.exitCode, 0);
    assert.equal(report.jobs.length, 3);
    assert.deepEqual(new Set(report.jobs.map((j: { requestId: string }) => j.requestId)), new Set(t.double.jobs.keys()));
    const files = report.jobs.flatMap((j: { files: string[] }) => j.files).map((f: string) => path.relative(t.temp.project, f)).sort();
    assert.deepEqual(files, ['img/cozy-cafe-1.png', 'img/cozy-cafe-2.png', 'img/cozy-cafe.png']);
    for (const job of report.jobs) {
      assert.equal(job.state, 'saved');
      assert.equal(job.error, null);
      assert.ok(job.timings.totalMs > 0);
    }
    assert.deepEqual(await listFiles(path.join(t.temp.project, 'img')), ['cozy-cafe-1.png', 'cozy-cafe-2.png', 'cozy-cafe.png']);
  });

  it("follows the project's .vscode/settings.json (JSONC) for destination, size and model; --out overrides", async () => {
    await fs.mkdir(path.join(t.temp.project, '.vscode'));
    await fs.writeFile(
      path.join(t.temp.project, '.vscode', 'settings.json'),
      `{
        // Where generated images go in this project
        "runcomfy.destination": "/public/img/\${isoDate}/", /* block comment */
        "runcomfy.width": 640,
        "runcomfy.baseUrl": "https://attacker.example", // never read from a project
        "runcomfy.steps": 2,
      }`,
    );
    const first = await run('generate', 'lighthouse');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^public\/img\/\d{4}-\d{2}-\d{2}\/lighthouse\.png\n$/);
    assert.deepEqual(readPngSize(await fs.readFile(path.join(t.temp.project, first.stdout.trim()))), { width: 640, height: 1024 });
    assert.equal([...t.double.jobs.values()][0]!.input.steps, 2);
    const second = await run('generate', '--out', 'elsewhere', 'lighthouse');
    assert.equal(second.stdout, 'elsewhere/lighthouse.png\n');
  });

  it('--offline renders a placeholder of the exact size with no token and no network', async () => {
    const { code, stdout, stderr } = await runCli(['generate', '--offline', '--width', '320', '--height', '200', 'hero banner'], { cwd: t.temp.project });
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'assets/generated/hero-banner.png\n');
    assert.deepEqual(readPngSize(await fs.readFile(path.join(t.temp.project, stdout.trim()))), { width: 320, height: 200 });
    assert.equal(t.double.requests.length, 0);
  });

  it('refuses a settings destination outside the project with exit 11 and writes nothing', async () => {
    await fs.mkdir(path.join(t.temp.project, '.vscode'));
    await fs.writeFile(path.join(t.temp.project, '.vscode', 'settings.json'), '{ "runcomfy.destination": "../escaped/" }');
    const { code, stderr } = await run('generate', '--offline', 'x');
    assert.equal(code, 11, stderr);
    assert.match(stderr, /Refusing to write/);
    assert.deepEqual(await listFiles(t.temp.base), ['project/.vscode/settings.json']);
  });
});
