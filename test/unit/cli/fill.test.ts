import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readPngTextChunks } from '../../../src/core/images/png';
import { readPngSize } from '../../../src/core/images/png';
import { listFiles, runCli, withDoubleAndProject } from './cliHarness';

/** What the fixture tree holds before any run. */
const FIXTURE_FILES = [
  '.drafts/notes.md',
  'README.md',
  'assets/logo.png',
  'docs/guide.md',
  'docs/img/existing.png',
  'docs/intro.md',
  'docs/notes.txt',
  'node_modules/pkg/README.md',
];
/** The missing images fill may create: exactly the linked paths. */
const GENERATED = ['assets/team.png', 'docs/img/cat.png', 'docs/img/fox.png', 'docs/img/hero.png'];

describe('cli: fill', () => {
  const t = withDoubleAndProject('cli-docs');
  beforeEach(async () => {
    // node_modules cannot be committed under .gitignore; made here so the test proves it is skipped.
    await fs.mkdir(path.join(t.temp.project, 'node_modules', 'pkg'), { recursive: true });
    await fs.writeFile(path.join(t.temp.project, 'node_modules', 'pkg', 'README.md'), '![Never generated](x.png)\n');
  });
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });

  it('--offline creates only the missing images, at exactly their linked paths, and refuses the rest', async () => {
    const before = await fs.readFile(path.join(t.temp.project, 'assets', 'logo.png'));
    const { code, stdout, stderr } = await runCli(['fill', '--offline', '--width', '320', '--height', '240', '.'], { cwd: t.temp.project });
    assert.equal(code, 11, stderr);
    assert.deepEqual(stdout.trim().split('\n').sort(), GENERATED);
    assert.deepEqual(await listFiles(t.temp.base), [...FIXTURE_FILES, ...GENERATED].sort().map((f) => `project/${f}`));
    assert.match(stderr, /not generating img\/blank\.png \(docs\/guide\.md:5\): no alt text to use as the prompt/);
    assert.match(stderr, /not generating \.\.\/\.\.\/outside\.png \(docs\/guide\.md:7\): \.\.\/\.\.\/outside\.png points outside the project root .*; images are only written inside it \(pass --root to choose another root\)/);
    assert.match(stderr, /Generated 4 of 4 missing images; 2 refused\./);
    const fox = await fs.readFile(path.join(t.temp.project, 'docs', 'img', 'fox.png'));
    assert.deepEqual(readPngSize(fox), { width: 320, height: 240 });
    assert.equal(readPngTextChunks(fox).prompt, 'A red fox curled up in fresh snow');
    assert.deepEqual(await fs.readFile(path.join(t.temp.project, 'assets', 'logo.png')), before, 'existing files untouched');
    assert.equal(t.double.requests.length, 0);
    const again = await runCli(['fill', '--offline', '.'], { cwd: t.temp.project });
    assert.equal(again.stdout, '', 'a second run finds nothing missing');
  });

  it('--dry-run lists what it would generate and writes nothing', async () => {
    const { code, stdout, stderr } = await runCli(['fill', '--dry-run', 'README.md', 'docs'], { cwd: t.temp.project });
    assert.equal(code, 11, stderr);
    assert.deepEqual(stdout.trim().split('\n'), [
      'would generate docs/img/hero.png from "Hero banner, sunrise over misty mountains" (README.md:3)',
      'would generate docs/img/fox.png from "A red fox curled up in fresh snow" (docs/guide.md:3, docs/intro.md:3)',
      'would generate docs/img/cat.png from "A sleeping tabby cat" (docs/guide.md:9)',
      'would generate assets/team.png from "Team photo at the office" (docs/intro.md:5)',
    ]);
    assert.match(stderr, /4 missing images to generate in 3 files; 2 refused\./);
    const json = JSON.parse((await runCli(['fill', '--dry-run', '--json', '.'], { cwd: t.temp.project })).stdout);
    assert.equal(json.exitCode, 11);
    assert.deepEqual(json.wanted.map((w: { prompt: string }) => w.prompt).sort(), [
      'A red fox curled up in fresh snow',
      'A sleeping tabby cat',
      'Hero banner, sunrise over misty mountains',
      'Team photo at the office',
    ]);
    assert.deepEqual(json.refused.map((r: { site: { rawPath: string } }) => r.site.rawPath), ['img/blank.png', '../../outside.png']);
    assert.deepEqual(await listFiles(t.temp.base), FIXTURE_FILES.map((f) => `project/${f}`));
  });

  it('generates with RunComfy from the alt text, one job per missing file, with --json', async () => {
    const { code, stdout, stderr } = await run('fill', '--json', '--width', '512', '--height', '512', 'docs/guide.md', 'docs/intro.md');
    assert.equal(code, 11, stderr);
    const report = JSON.parse(stdout);
    assert.equal(report.exitCode, 11);
    const prompts = [...t.double.jobs.values()].map((j) => j.input.prompt).sort();
    assert.deepEqual(prompts, ['A red fox curled up in fresh snow', 'A sleeping tabby cat', 'Team photo at the office']);
    const files = report.generated.flatMap((g: { files: string[] }) => g.files).map((f: string) => path.relative(t.temp.project, f)).sort();
    assert.deepEqual(files, ['assets/team.png', 'docs/img/cat.png', 'docs/img/fox.png']);
    assert.ok(report.generated.every((g: { requestId: string; state: string }) => t.double.jobs.has(g.requestId) && g.state === 'saved'));
    assert.deepEqual(report.refused.map((r: { reason: string }) => r.reason.split(' ')[0]).sort(), ['../../outside.png', 'no']);
  });

  it('saves hero.webp when RunComfy returns WebP, and points the link at it', async () => {
    const readme = path.join(t.temp.project, 'README.md');
    await fs.writeFile(readme, '![[scenario:webp] a hero](docs/img/hero.png "Hero")\n');
    const { code, stdout, stderr } = await run('fill', 'README.md');
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'docs/img/hero.webp\n');
    assert.equal(await fs.readFile(readme, 'utf8'), '![[scenario:webp] a hero](docs/img/hero.webp "Hero")\n');
    assert.match(stderr, /RunComfy returned WEBP: saved docs\/img\/hero\.webp and updated the link in README\.md/);
  });

  it('takes the project root from .git above the current folder, for / links and containment', async () => {
    await fs.mkdir(path.join(t.temp.project, '.git'));
    const { code, stdout, stderr } = await runCli(['fill', '--offline', 'intro.md'], { cwd: path.join(t.temp.project, 'docs') });
    assert.equal(code, 0, stderr);
    assert.deepEqual(stdout.trim().split('\n').sort(), [path.join(t.temp.project, 'assets', 'team.png'), 'img/fox.png']);
  });

  it('a link through a symlink loop is refused like any escape; the other images are still generated', async () => {
    await fs.symlink('loop', path.join(t.temp.project, 'loop'));
    await fs.writeFile(path.join(t.temp.project, 'README.md'), '![A loop](loop/x.png)\n\n![A fine one](img/ok.png)\n');
    const { code, stdout, stderr } = await runCli(['fill', '--offline', 'README.md'], { cwd: t.temp.project });
    assert.equal(code, 11, stderr);
    assert.equal(stdout, 'img/ok.png\n');
    assert.match(stderr, /not generating loop\/x\.png \(README\.md:1\): loop\/x\.png points outside the project root/);
  });

  it('a failure names the image and sets the exit code', async () => {
    await fs.writeFile(path.join(t.temp.project, 'README.md'), '![[scenario:failed] flagged](img/a.png)\n');
    const { code, stderr } = await run('fill', 'README.md');
    assert.equal(code, 6, stderr);
    assert.match(stderr, /error: img\/a\.png: RunComfy could not generate the image: .*content policy/);
    assert.deepEqual(await listFiles(path.join(t.temp.project, 'img')), []);
  });

  it('finds the project root above the files given, not the current folder', async () => {
    await fs.mkdir(path.join(t.temp.project, '.git'));
    // Run from the folder above the project: the root is still the project (its .git), so a link leaving
    // it is refused, and the refusal says how to choose another root.
    const { code, stderr } = await runCli(['fill', '--offline', 'project/docs'], { cwd: t.temp.base });
    assert.equal(code, 11, stderr);
    assert.match(stderr, /outside\.png points outside the project root .*project; images are only written inside it \(pass --root to choose another root\)/);
    assert.deepEqual((await listFiles(t.temp.base)).filter((f) => !f.startsWith('project/')), [], 'nothing written outside the project');
    assert.ok((await listFiles(t.temp.project)).includes('docs/img/fox.png'));
  });

  it('fits project sizes outside the model range into it with a note, as the editor does', async () => {
    await fs.mkdir(path.join(t.temp.project, '.vscode'), { recursive: true });
    await fs.writeFile(path.join(t.temp.project, '.vscode', 'settings.json'), JSON.stringify({ 'runcomfy.width': 2048, 'runcomfy.height': 256 }));
    const { code, stderr } = await run('fill', 'docs');
    assert.equal(code, 11, stderr);
    assert.match(stderr, /note: 2048×256 is outside 512–1536; using 1536×512 \(closest shape\)/);
    const submitted = [...t.double.jobs.values()].map((job) => job.input);
    assert.ok(submitted.length > 0);
    for (const input of submitted) assert.deepEqual([input.width, input.height], [1536, 512]);
  });
});
