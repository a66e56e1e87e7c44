import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { renderPlaceholder } from '../../../src/core/placeholders/placeholderImage';
import { markPlaceholder, readPlaceholderFile } from '../../../src/core/placeholders/placeholderMark';
import { readPngSize } from '../../../src/core/images/png';
import { apiRequests, runCli, withDoubleAndProject } from './cliHarness';

describe('cli: upgrade', () => {
  const t = withDoubleAndProject();
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });
  const submits = () => apiRequests(t.double).filter((r) => r.startsWith('POST /v1/models/'));

  async function placeholderAt(relative: string, prompt: string, width = 512, height = 512): Promise<string> {
    const file = path.join(t.temp.project, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, markPlaceholder(renderPlaceholder({ prompt, width, height }), { prompt, width, height }));
    return file;
  }

  beforeEach(async () => {
    await fs.mkdir(path.join(t.temp.project, '.git'));
    await fs.writeFile(path.join(t.temp.project, 'README.md'), '![Hero](img/hero.png)\n');
  });

  it('replaces what generate --offline made, at the same path, from its prompt; the link stays; real images are left alone', async () => {
    const made = await run('generate', '--offline', '--width', '800', '--height', '600', '--out', 'img', 'hero banner');
    assert.equal(made.code, 0, made.stderr);
    await fs.rename(path.join(t.temp.project, made.stdout.trim()), path.join(t.temp.project, 'img', 'hero.png'));
    const real = path.join(t.temp.project, 'img', 'photo.png');
    await fs.writeFile(real, renderPlaceholder({ prompt: 'a real photo', width: 64, height: 64 }));

    const dry = await run('upgrade', '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.stdout.trim(), 'would replace img/hero.png (800 × 600) from "hero banner" (linked from README.md)');
    assert.deepEqual(submits(), [], 'a dry run sends nothing');

    const { code, stdout, stderr } = await run('upgrade');
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trim(), 'img/hero.png');
    assert.equal(submits().length, 1);
    const hero = path.join(t.temp.project, 'img', 'hero.png');
    assert.equal(await readPlaceholderFile(hero), undefined, 'a real image now');
    assert.deepEqual(readPngSize(await fs.readFile(hero)), { width: 800, height: 600 });
    assert.equal(await fs.readFile(path.join(t.temp.project, 'README.md'), 'utf8'), '![Hero](img/hero.png)\n');
    assert.match(stderr, /Replaced 1 of 1 placeholder with real images\./);
  });

  it('a named image that is not a placeholder is reported with exit 11 and not sent', async () => {
    const real = path.join(t.temp.project, 'img', 'photo.png');
    await fs.mkdir(path.dirname(real), { recursive: true });
    await fs.writeFile(real, renderPlaceholder({ prompt: 'a real photo', width: 64, height: 64 }));
    const { code, stderr } = await run('upgrade', 'img/photo.png');
    assert.equal(code, 11, stderr);
    assert.match(stderr, /not upgrading img\/photo\.png: not an offline placeholder/);
    assert.deepEqual(submits(), []);
  });

  it('a JPEG result gets the .jpg name, every document\'s link follows, and the placeholder goes', async () => {
    const hero = await placeholderAt('img/hero.png', 'hero banner [scenario:jpeg]', 640, 480);
    await fs.mkdir(path.join(t.temp.project, 'web'));
    await fs.writeFile(path.join(t.temp.project, 'web', 'index.html'), '<img src="../img/hero.png" alt="Hero">\n');
    await fs.writeFile(path.join(t.temp.project, 'web', 'site.css'), '.a { background: url(../img/hero.png); }\n');
    const { code, stdout, stderr } = await run('upgrade', '--json', 'README.md');
    assert.equal(code, 0, stderr);
    const json = JSON.parse(stdout);
    assert.equal(json.upgraded[0].placeholder, hero);
    assert.deepEqual(json.upgraded[0].files, [path.join(t.temp.project, 'img', 'hero.jpg')]);
    assert.equal(json.upgraded[0].height, 512, '640×480 asked; the model\'s nearest size');
    assert.equal(await fs.readFile(path.join(t.temp.project, 'README.md'), 'utf8'), '![Hero](img/hero.jpg)\n');
    assert.equal(await fs.readFile(path.join(t.temp.project, 'web', 'index.html'), 'utf8'), '<img src="../img/hero.jpg" alt="Hero">\n');
    assert.equal(await fs.readFile(path.join(t.temp.project, 'web', 'site.css'), 'utf8'), '.a { background: url(../img/hero.jpg); }\n');
    await assert.rejects(fs.stat(hero), 'the placeholder is removed');
    assert.match(stderr, /RunComfy returned JPG: saved img\/hero\.jpg in place of img\/hero\.png/);
  });

  it('more than three placeholders need --yes without a terminal; nothing is sent', async () => {
    for (const n of [1, 2, 3, 4]) await placeholderAt(`img/p${n}.png`, `picture ${n}`);
    const { code, stderr } = await run('upgrade', 'img');
    assert.equal(code, 2, stderr);
    assert.match(stderr, /upgrade would start 4 paid RunComfy jobs \(model blackforestlabs\/flux-2-klein\/9b\/text-to-image\)\. Pass --yes to start them, or --dry-run to list them\./);
    assert.deepEqual(submits(), []);
    const yes = await run('upgrade', '--yes', 'img');
    assert.equal(yes.code, 0, yes.stderr);
    assert.equal(submits().length, 4);
  });
});
