import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { encodePng, readPngSize } from '../../../src/core/images/png';
import { DOUBLE_EDIT } from '../../support/doubleModels';
import { apiRequests, listFiles, runCli, withDoubleAndProject } from './cliHarness';

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

  it('asks for an image and an instruction (exit 2)', async () => {
    const { code, stderr } = await run('edit', 'hero.png');
    assert.equal(code, 2);
    assert.match(stderr, /Give an image and an instruction/);
  });
});
