import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findImageLinks } from '../../../../src/core/links/imageLinks';
import { LinkedFileChecks } from '../../../../src/core/links/linkedFileChecks';
import { findMissingImages, missingImagesToOffer } from '../../../../src/core/links/missingImages';

describe('core/links/linkedFileChecks (one listing per directory, kept until told)', () => {
  let root: string;
  let img: string;
  beforeEach(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'linked-files-')));
    img = path.join(root, 'img');
    await fs.mkdir(img);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  /** `count` names in img/, every even one written. */
  async function gallery(count: number): Promise<string[]> {
    const targets = Array.from({ length: count }, (_, i) => path.join(img, `p${i}.png`));
    await Promise.all(targets.filter((_, i) => i % 2 === 0).map((t) => fs.writeFile(t, 'x')));
    return targets;
  }

  async function statSays(target: string): Promise<boolean> {
    return fs.stat(target).then(() => true, () => false);
  }

  it('answers what stat answers, for a listed folder and for files asked one by one', async () => {
    const listed = await gallery(10);
    const sparse = [path.join(root, 'alone.png'), path.join(root, 'nowhere', 'x.png'), path.join(root, 'img', 'p0.png', 'below-a-file.png')];
    await fs.writeFile(sparse[0]!, 'x');
    const targets = [...listed, ...sparse];
    const states = await new LinkedFileChecks().states(targets);
    const expected = await Promise.all(targets.map(statSays));
    assert.deepEqual(states.map((s) => s === 'present'), expected);
  });

  it('follows symlinks in a listing: a link to a file is present, a dangling one is missing (and said to be dangling)', async () => {
    const targets = await gallery(6);
    await fs.symlink(targets[0]!, path.join(img, 'to-p0.png'));
    await fs.symlink(path.join(root, 'gone.png'), path.join(img, 'dangling.png'));
    const states = await new LinkedFileChecks().states([...targets, path.join(img, 'to-p0.png'), path.join(img, 'dangling.png')]);
    assert.deepEqual(states.slice(-2), ['present', 'dangling']);
  });

  it('leaves a name that differs only in case to the file system, as stat does', async () => {
    const targets = await gallery(6);
    const shouted = path.join(img, 'P0.PNG');
    const [state] = (await new LinkedFileChecks().states([...targets, shouted])).slice(-1);
    assert.equal(state === 'present', await statSays(shouted), 'case-insensitive file systems find it, others do not');
  });

  it('keeps its answers between passes, and a file created or deleted after the first pass is seen once it is reported', async () => {
    const targets = await gallery(8);
    const checks = new LinkedFileChecks();
    assert.equal((await checks.states(targets))[1], 'absent');
    await fs.writeFile(targets[1]!, 'x');
    assert.equal((await checks.states(targets))[1], 'absent', 'not told yet: the listing is kept');
    assert.equal(checks.changed(targets[1]!), true, 'the change touched what was known');
    assert.equal((await checks.states(targets))[1], 'present', 'told: the folder is listed again');
    await fs.rm(targets[0]!);
    checks.changed(targets[0]!);
    assert.equal((await checks.states(targets))[0], 'absent');
    assert.equal(checks.changed(path.join(root, 'elsewhere', 'unrelated.txt')), false, 'a change nowhere near the links touches nothing');
  });

  it('forgets everything below a folder that was deleted or created', async () => {
    const targets = await gallery(4);
    const single = path.join(root, 'deep', 'one.png');
    const checks = new LinkedFileChecks();
    await checks.states([...targets, single]);
    await fs.mkdir(path.dirname(single));
    await fs.writeFile(single, 'x');
    await fs.rm(img, { recursive: true });
    assert.equal(checks.changed(img), true);
    assert.equal(checks.changed(path.dirname(single)), true);
    assert.deepEqual(await checks.states([...targets, single]), ['absent', 'absent', 'absent', 'absent', 'present']);
  });

  it('reads again what it was told long ago, for changes no watcher reports', async () => {
    let now = 0;
    const targets = await gallery(4);
    const checks = new LinkedFileChecks(() => now);
    await checks.states(targets);
    await fs.writeFile(targets[1]!, 'x');
    now += 29_000;
    assert.equal((await checks.states(targets))[1], 'absent');
    now += 2_000;
    assert.equal((await checks.states(targets))[1], 'present');
  });

  it('the lens list equals findMissingImages without the targets the command refuses as outside', async () => {
    await gallery(6);
    const outsideDir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'linked-outside-')));
    try {
      await fs.symlink(outsideDir, path.join(root, 'escape'));
      await fs.symlink(path.join(outsideDir, 'x.png'), path.join(img, 'dangling-out.png'));
      const text = [
        ...Array.from({ length: 6 }, (_, i) => `![p${i}](img/p${i}.png)`),
        '![out](../elsewhere.png)',
        '![through a link](escape/a.png)',
        '![through a link too](escape/b.png)',
        '![dangling out](img/dangling-out.png)',
        '![](escape/no-alt.png)',
      ].join('\n\n');
      const doc = path.join(root, 'page.md');
      const all = await findMissingImages(text, 'markdown', doc, root);
      assert.deepEqual(all.map((m) => m.link.alt), ['p1', 'p3', 'p5', 'out', 'through a link', 'through a link too', 'dangling out', '']);
      const offered = await missingImagesToOffer(findImageLinks(text, 'markdown'), doc, root, [root]);
      assert.deepEqual(offered.map((m) => m.link.alt), ['p1', 'p3', 'p5', ''], 'outside ones go; one without alt text stays, as before');
    } finally {
      await fs.rm(outsideDir, { recursive: true, force: true });
    }
  });
});
