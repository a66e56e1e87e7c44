import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { encodePng, readPngSize } from '../../../src/core/images/png';
import { DOUBLE_EDIT } from '../../support/doubleModels';
import { apiRequests, listFiles, paidRequests, runCli, withDoubleAndProject } from './cliHarness';

const png = (width: number, height: number, seed: number) => encodePng(new Uint8Array(width * height * 3).map((_, i) => (i * seed) % 251), width, height);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('cli: edit', () => {
  const t = withDoubleAndProject();
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });

  it('sends the image and any --image as data URIs to the edit model and saves hero-edit.png beside it, then hero-edit-1.png', async () => {
    const hero = png(72, 48, 3);
    const sky = png(40, 40, 11);
    await fs.mkdir(path.join(t.temp.project, 'assets'));
    await fs.writeFile(path.join(t.temp.project, 'assets/hero.png'), hero);
    await fs.writeFile(path.join(t.temp.project, 'sky.png'), sky);
    const { code, stdout, stderr } = await run('edit', 'assets/hero.png', 'make', 'the', 'sky', 'stormy', '--image', 'sky.png');
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'assets/hero-edit.png\n');
    assert.match(stderr, new RegExp(`Model: ${DOUBLE_EDIT} \\(the default\\)`));
    const [job] = t.double.jobs.values();
    assert.deepEqual(job!.references?.map((ref) => ref.sha256), [sha256(hero), sha256(sky)]);
    assert.equal(job!.input.prompt, 'make the sky stormy');
    assert.ok(!JSON.stringify(job!.input).includes(t.temp.project), 'no local path in the body');
    assert.deepEqual(readPngSize(await fs.readFile(path.join(t.temp.project, 'assets/hero-edit.png'))), { width: 72, height: 48 });
    assert.deepEqual(await fs.readFile(path.join(t.temp.project, 'assets/hero.png')), hero, 'the original is untouched');
    const again = await run('edit', 'assets/hero.png', 'at night');
    assert.equal(again.stdout, 'assets/hero-edit-1.png\n', again.stderr);
    assert.deepEqual(await listFiles(path.join(t.temp.project, 'assets')), ['hero-edit-1.png', 'hero-edit.png', 'hero.png']);
  });

  it('refuses an image over 6 MiB, or outside the project, before sending anything (exit 5)', async () => {
    await fs.writeFile(path.join(t.temp.project, 'big.png'), png(8, 8, 1));
    await fs.truncate(path.join(t.temp.project, 'big.png'), 6 * 1024 * 1024 + 2048);
    const big = await run('edit', 'big.png', 'brighter');
    assert.equal(big.code, 5, big.stderr);
    assert.match(big.stderr, /big\.png is 6 MiB; RunComfy takes at most 6 MiB per image \(2 KiB too large\)\./);
    const outside = await run('edit', '../outside.png', 'brighter');
    assert.equal(outside.code, 5, outside.stderr);
    assert.match(outside.stderr, /outside\.png is outside the workspace/);
    assert.deepEqual(apiRequests(t.double).filter((r) => r.startsWith('POST')), [], 'nothing sent');
  });

  it('prints its estimate to stderr from the price read right before the edit, and the real cost in --json', async () => {
    await fs.writeFile(path.join(t.temp.project, 'cat.png'), png(32, 32, 5));
    const { code, stdout, stderr } = await run('edit', '--json', 'cat.png', 'add a hat');
    assert.equal(code, 0, stderr);
    assert.match(stderr, /Estimated cost: 1 job with Nano Banana 2 Lite Edit · \$0\.036 per image, ≈ \$0\.04/);
    const requests = apiRequests(t.double);
    assert.ok(requests.indexOf(`GET /v1/models/${DOUBLE_EDIT}`) < requests.findIndex((r) => r.startsWith('POST')), 'the price was read before the submit');
    const json = JSON.parse(stdout) as { estimatedCostUsd: number; jobs: { costUsd: number | null }[] };
    assert.equal(json.estimatedCostUsd, 0.036);
    assert.equal(json.jobs[0]!.costUsd, 0.036);
  });

  it('above the threshold, refuses without a terminal unless --yes, sending nothing paid', async () => {
    await fs.writeFile(path.join(t.temp.project, 'dog.png'), png(32, 32, 7));
    const env = { ...t.env, RUNCOMFY_CONFIRM_COST_ABOVE: '0.01' };
    const refused = await runCli(['edit', 'dog.png', 'add a scarf'], { cwd: t.temp.project, env });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /Not starting: the estimate ≈ \$0\.04 is above \$0\.01 \(RUNCOMFY_CONFIRM_COST_ABOVE\)\. Pass --yes/);
    assert.deepEqual(paidRequests(t.double), []);
    const agreed = await runCli(['edit', '--yes', 'dog.png', 'add a scarf'], { cwd: t.temp.project, env });
    assert.equal(agreed.code, 0, agreed.stderr);
    assert.equal(agreed.stdout, 'dog-edit.png\n');
  });

  it('asks for an image and an instruction (exit 2)', async () => {
    const { code, stderr } = await run('edit', 'hero.png');
    assert.equal(code, 2);
    assert.match(stderr, /Give an image and an instruction/);
  });
});
