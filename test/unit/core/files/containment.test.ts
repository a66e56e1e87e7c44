import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isInside, OutsideWorkspaceError, resolveInsideWorkspace } from '../../../../src/core/files/containment';

describe('core/containment', () => {
  let root: string;
  let ws: string;
  let outside: string;

  beforeEach(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'rc-contain-')));
    ws = path.join(root, 'ws');
    outside = path.join(root, 'outside');
    await fs.mkdir(path.join(ws, 'docs'), { recursive: true });
    await fs.mkdir(outside);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('accepts a not-yet-existing path inside the workspace', async () => {
    const target = path.join(ws, 'assets/generated/cat.png');
    assert.equal(await resolveInsideWorkspace(target, [ws]), target);
  });

  it('refuses ../ escapes with a message naming the path', async () => {
    const target = path.join(ws, 'docs', '../../outside/.bashrc');
    await assert.rejects(resolveInsideWorkspace(target, [ws]), (error: unknown) => {
      assert.ok(error instanceof OutsideWorkspaceError);
      assert.equal(error.name, 'OutsideWorkspaceError');
      assert.equal(error.target, target);
      assert.match(error.message, /outside[/\\]\.bashrc/);
      assert.match(error.message, /only written inside the workspace/);
      return true;
    });
  });

  it('refuses a symlinked folder that points outside', async () => {
    await fs.symlink(outside, path.join(ws, 'assets'), 'dir');
    const target = path.join(ws, 'assets/generated/cat.png');
    await assert.rejects(resolveInsideWorkspace(target, [ws]), (error: unknown) => {
      assert.ok(error instanceof OutsideWorkspaceError);
      assert.equal(error.resolvedTarget, path.join(outside, 'generated/cat.png'));
      return true;
    });
  });

  it('refuses a dangling symlink whose target would be created outside', async () => {
    await fs.symlink(path.join(outside, 'not-yet'), path.join(ws, 'assets'), 'dir');
    await assert.rejects(resolveInsideWorkspace(path.join(ws, 'assets/cat.png'), [ws]), OutsideWorkspaceError);
  });

  it('refuses an existing file that is a symlink to outside', async () => {
    await fs.writeFile(path.join(outside, 'secret'), 'x');
    await fs.symlink(path.join(outside, 'secret'), path.join(ws, 'docs/cat.png'));
    await assert.rejects(resolveInsideWorkspace(path.join(ws, 'docs/cat.png'), [ws]), OutsideWorkspaceError);
  });

  it('accepts symlinks that stay inside and returns the real path', async () => {
    await fs.symlink(path.join(ws, 'docs'), path.join(ws, 'alias'), 'dir');
    assert.equal(await resolveInsideWorkspace(path.join(ws, 'alias/cat.png'), [ws]), path.join(ws, 'docs/cat.png'));
  });

  it('accepts a workspace opened through a symlink', async () => {
    const linkedWs = path.join(root, 'linked-ws');
    await fs.symlink(ws, linkedWs, 'dir');
    assert.equal(await resolveInsideWorkspace(path.join(linkedWs, 'a.png'), [linkedWs]), path.join(ws, 'a.png'));
    assert.equal(await resolveInsideWorkspace(path.join(ws, 'a.png'), [linkedWs]), path.join(ws, 'a.png'));
  });

  it('checks every workspace folder and refuses a sibling with a shared prefix', async () => {
    const second = path.join(root, 'second');
    await fs.mkdir(second);
    assert.equal(await resolveInsideWorkspace(path.join(second, 'a.png'), [ws, second]), path.join(second, 'a.png'));
    await fs.mkdir(path.join(root, 'ws-evil'));
    await assert.rejects(resolveInsideWorkspace(path.join(root, 'ws-evil/a.png'), [ws]), OutsideWorkspaceError);
  });

  it('isInside treats "..foo" as a child, ".." as outside', () => {
    assert.equal(isInside(path.join(ws, '..foo'), ws), true);
    assert.equal(isInside(ws, ws), true);
    assert.equal(isInside(path.dirname(ws), ws), false);
  });

  it('refuses a symlink loop as an escape, with a message, instead of throwing ELOOP', async () => {
    await fs.symlink(path.join(ws, 'loop-b'), path.join(ws, 'loop-a'));
    await fs.symlink(path.join(ws, 'loop-a'), path.join(ws, 'loop-b'));
    for (const target of [path.join(ws, 'loop-a', 'x.png'), path.join(ws, 'loop-a')]) {
      await assert.rejects(resolveInsideWorkspace(target, [ws]), (error: unknown) => {
        assert.ok(error instanceof OutsideWorkspaceError, String(error));
        assert.match(error.message, /symbolic links that loop/);
        return true;
      });
    }
  });
});
