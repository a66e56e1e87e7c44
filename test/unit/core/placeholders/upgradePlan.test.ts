import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { imageReferences, languageOfPath } from '../../../../src/core/placeholders/imageReferences';
import { applyEdits, relinkEdits, type LinkingDocument } from '../../../../src/core/placeholders/relinkEdits';
import { planUpgrades, upgradedPath } from '../../../../src/core/placeholders/upgradePlan';

const root = path.resolve('/work/site');
const at = (...parts: string[]) => path.join(root, ...parts);
const hero = at('assets', 'generated', 'hero.png');
const mark = { prompt: 'hero banner', width: 640, height: 480 };

function documents(): LinkingDocument[] {
  return [
    { path: at('README.md'), languageId: 'markdown', workspaceFolder: root, text: '# Site\n\n![Hero](assets/generated/hero.png "Hero")\n\n`![code](assets/generated/hero.png)`\n' },
    { path: at('docs', 'guide.md'), languageId: 'markdown', workspaceFolder: root, text: '![a](../assets/generated/hero.png) ![b][h]\n\n[h]: /assets/generated/hero.png\n![other](../assets/generated/other.png)\n' },
    { path: at('web', 'index.html'), languageId: 'html', workspaceFolder: root, text: '<img src="../assets/generated/hero.png?v=2" alt="Hero" width="640" height="480">\n' },
    { path: at('web', 'App.tsx'), languageId: 'typescriptreact', workspaceFolder: root, text: 'export const App = () => <img src="./../assets/generated/hero.png" alt="" />;\n' },
    { path: at('web', 'site.css'), languageId: 'css', workspaceFolder: root, text: '.hero { background: url("../assets/generated/hero.png") no-repeat; }\n.b { background: url(../assets/generated/hero.png); }\n' },
    { path: at('notes.md'), languageId: 'markdown', workspaceFolder: root, text: 'No images here.\n' },
  ];
}

describe('upgrade planning (Generate Real Images for Placeholders)', () => {
  it('lists, for each placeholder, every document that links it, whatever the syntax; code spans do not count', () => {
    const [plan] = planUpgrades([{ file: hero, mark }], documents());
    assert.deepEqual(plan!.linkedFrom, [at('README.md'), at('docs', 'guide.md'), at('web', 'App.tsx'), at('web', 'index.html'), at('web', 'site.css')]);
    const [other] = planUpgrades([{ file: at('assets', 'generated', 'lonely.png'), mark }], documents());
    assert.deepEqual(other!.linkedFrom, []);
  });

  it('same format: the real image lands at the placeholder\'s own path and no link changes', () => {
    assert.equal(upgradedPath(hero, 'png'), hero);
    assert.equal(upgradedPath(at('a', 'photo.jpeg'), 'jpg'), at('a', 'photo.jpeg'));
    assert.deepEqual(relinkEdits(hero, hero, documents()).flatMap((d) => d.edits.filter((e) => e.replacement !== documents().find((x) => x.path === d.documentPath)!.text.slice(e.start, e.end))), []);
  });

  it('another format: every link to it, in every document, gets the new name and keeps its own style', () => {
    const jpg = upgradedPath(hero, 'jpg');
    assert.equal(jpg, at('assets', 'generated', 'hero.jpg'));
    const docs = documents();
    const relinks = relinkEdits(hero, jpg, docs);
    const after = new Map(relinks.map((r) => [r.documentPath, applyEdits(docs.find((d) => d.path === r.documentPath)!.text, r.edits)]));
    assert.equal(after.get(at('README.md')), '# Site\n\n![Hero](assets/generated/hero.jpg "Hero")\n\n`![code](assets/generated/hero.png)`\n', 'the code span is not a link');
    assert.equal(after.get(at('docs', 'guide.md')), '![a](../assets/generated/hero.jpg) ![b][h]\n\n[h]: /assets/generated/hero.jpg\n![other](../assets/generated/other.png)\n');
    assert.equal(after.get(at('web', 'index.html')), '<img src="../assets/generated/hero.jpg?v=2" alt="Hero" width="640" height="480">\n');
    assert.equal(after.get(at('web', 'App.tsx')), 'export const App = () => <img src="./../assets/generated/hero.jpg" alt="" />;\n');
    assert.equal(after.get(at('web', 'site.css')), '.hero { background: url("../assets/generated/hero.jpg") no-repeat; }\n.b { background: url(../assets/generated/hero.jpg); }\n');
    assert.equal(after.has(at('notes.md')), false, 'a document without a link to it is not touched');
  });

  it('a free -1 name and names with spaces are written the way the link wrote the old one', () => {
    const spaced = at('img', 'my hero.png');
    const docs: LinkingDocument[] = [
      { path: at('a.md'), languageId: 'markdown', workspaceFolder: root, text: '![x](<img/my hero.png>) ![y](img/my%20hero.png)\n' },
      { path: at('b.html'), languageId: 'html', workspaceFolder: root, text: '<img src="img/my%20hero.png">\n' },
    ];
    const relinks = relinkEdits(spaced, at('img', 'my hero-1.webp'), docs);
    assert.deepEqual(relinks.map((r) => applyEdits(docs.find((d) => d.path === r.documentPath)!.text, r.edits)), [
      '![x](<img/my hero-1.webp>) ![y](img/my%20hero-1.webp)\n',
      '<img src="img/my%20hero-1.webp">\n',
    ]);
  });

  it('reads references from the languages whose links it updates', () => {
    assert.equal(languageOfPath('a/B.TSX'), 'typescriptreact');
    assert.equal(languageOfPath('a/b.scss'), 'scss');
    assert.equal(languageOfPath('a/b.txt'), undefined);
    assert.deepEqual(imageReferences('a { b: url(data:image/png;base64,xx); c: url(https://x/y.png) }', 'css', at('s.css'), root), []);
  });
});
