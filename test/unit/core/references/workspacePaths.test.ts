import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveWorkspacePath, workspacePathOf } from '../../../../src/core/references/workspacePaths';

const site = { name: 'site', path: path.resolve('/work/site') };
const docs = { name: 'docs', path: path.resolve('/work/docs') };

describe('workspace-relative reference paths', () => {
  it('names a file relative to its folder, with the folder’s name first in a multi-root workspace', () => {
    const hero = path.join(site.path, 'img', 'hero.png');
    assert.equal(workspacePathOf(hero, [site]), 'img/hero.png');
    assert.equal(workspacePathOf(hero, [docs, site]), 'site/img/hero.png');
    assert.equal(workspacePathOf(path.resolve('/elsewhere/x.png'), [site]), undefined);
    assert.equal(workspacePathOf(site.path, [site]), undefined, 'the folder itself is no file');
  });

  it('resolves what it named, in one or many folders', () => {
    for (const folders of [[site], [docs, site]]) {
      const hero = path.join(site.path, 'img', 'hero.png');
      assert.equal(resolveWorkspacePath(workspacePathOf(hero, folders)!, folders), hero);
    }
  });

  it('refuses a path that climbs out, is absolute, or names no folder', () => {
    for (const bad of ['../secrets.png', 'img/../../x.png', '/etc/passwd', 'C:/x.png', 'img\\..\\x.png', '', 'img//x.png', './x.png', 'a\0b.png']) {
      assert.equal(resolveWorkspacePath(bad, [site]), undefined, bad);
    }
    assert.equal(resolveWorkspacePath('other/img/x.png', [docs, site]), undefined, 'no folder called other');
    assert.equal(resolveWorkspacePath('site', [docs, site]), undefined, 'a folder, not a file');
    assert.equal(resolveWorkspacePath('img/x.png', []), undefined, 'no workspace');
  });
});
