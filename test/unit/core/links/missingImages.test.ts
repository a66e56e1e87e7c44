import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findMissingImages, refusalReason } from '../../../../src/core/links/missingImages';

describe('core/missingImages', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'missing-')));
    await fs.mkdir(path.join(root, 'docs', 'img'), { recursive: true });
    await fs.writeFile(path.join(root, 'docs', 'img', 'there.png'), 'x');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const doc = () => path.join(root, 'docs', 'guide.md');
  const text = ['![a fox](img/fox.png)', '![there](img/there.png)', '![](img/blank.png)', '![web](https://x.test/a.png)', '![escape](../../outside.png)'].join('\n\n');

  it('lists only missing local images', async () => {
    const missing = await findMissingImages(text, 'markdown', doc(), root);
    assert.deepEqual(
      missing.map((m) => path.relative(root, m.target)),
      [path.join('docs', 'img', 'fox.png'), path.join('docs', 'img', 'blank.png'), path.join('..', 'outside.png')],
    );
  });

  it('refuses links without alt text and targets outside the roots, and accepts the rest', async () => {
    const [fox, blank, escape] = await findMissingImages(text, 'markdown', doc(), root);
    assert.equal(await refusalReason(fox!, [root]), undefined);
    assert.deepEqual(await refusalReason(blank!, [root]), { kind: 'no-alt', message: 'no alt text to use as the prompt' });
    const outside = await refusalReason(escape!, [root]);
    assert.equal(outside?.kind, 'outside');
    assert.equal(outside.message, '../../outside.png points outside the workspace; images are only written inside it.');
    const cli = await refusalReason(escape!, [root], { label: `the project root ${root}`, hint: 'pass --root to choose another root' });
    assert.equal(cli?.message, `../../outside.png points outside the project root ${root}; images are only written inside it (pass --root to choose another root).`);
  });
});
