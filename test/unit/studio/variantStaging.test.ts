import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutsideWorkspaceError } from '../../../src/core/files/containment';
import { STAGING_MAX_AGE_MS, VariantStaging } from '../../../src/studio/variantStaging';

describe('Studio variant staging', () => {
  let dir: string;
  let workspace: string;
  let staging: VariantStaging;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'studio-staging-'));
    workspace = path.join(dir, 'ws');
    await fs.mkdir(workspace);
    staging = new VariantStaging(path.join(dir, 'storage', 'staging'));
  });

  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  async function stage(name: string, bytes = name): Promise<string> {
    const batch = staging.newBatchFolder();
    await fs.mkdir(batch, { recursive: true });
    const file = path.join(batch, name);
    await fs.writeFile(file, bytes);
    return file;
  }

  it('makes a distinct batch folder per call, inside the staging root', () => {
    const a = staging.newBatchFolder();
    const b = staging.newBatchFolder();
    assert.notEqual(a, b);
    assert.ok(staging.contains(path.join(a, 'x.png')));
    assert.ok(!staging.contains(staging.root));
    assert.ok(!staging.contains(path.join(workspace, 'x.png')));
  });

  it('keeps a variant: copies it to the destination under a free name and removes the staged copy', async () => {
    const staged = await stage('a-fox.png', 'variant bytes');
    await fs.mkdir(path.join(workspace, 'assets'));
    await fs.writeFile(path.join(workspace, 'assets', 'a-fox.png'), 'someone else');
    const kept = await staging.keep(staged, { folder: path.join(workspace, 'assets'), baseName: 'a-fox.png', workspaceFolders: [workspace] });
    assert.equal(kept, path.join(await fs.realpath(workspace), 'assets', 'a-fox-1.png'));
    assert.equal(await fs.readFile(kept, 'utf8'), 'variant bytes');
    assert.equal(await fs.readFile(path.join(workspace, 'assets', 'a-fox.png'), 'utf8'), 'someone else', 'never overwrites');
    assert.deepEqual((await fs.readdir(path.join(workspace, 'assets'))).sort(), ['a-fox-1.png', 'a-fox.png'], 'no temporary file left');
    await assert.rejects(fs.access(staged));
    await assert.rejects(fs.access(path.dirname(staged)), 'the empty batch folder goes too');
  });

  it('follows the staged file type and creates the destination folder', async () => {
    const staged = await stage('a-fox.webp');
    const kept = await staging.keep(staged, { folder: path.join(workspace, 'new', 'dir'), baseName: 'a-fox.png', workspaceFolders: [workspace] });
    assert.equal(path.basename(kept), 'a-fox.webp');
  });

  it('refuses a destination outside the workspace and keeps the variant', async () => {
    const staged = await stage('a.png');
    await assert.rejects(staging.keep(staged, { folder: path.join(dir, 'outside'), baseName: 'a.png', workspaceFolders: [workspace] }), OutsideWorkspaceError);
    await fs.access(staged);
  });

  it('refuses to keep or discard files that are not staged', async () => {
    const file = path.join(workspace, 'precious.png');
    await fs.writeFile(file, 'x');
    await assert.rejects(staging.discard(file), /not a staged variant/);
    await assert.rejects(staging.keep(file, { folder: workspace, baseName: 'y.png', workspaceFolders: [workspace] }), /not a staged variant/);
    await fs.access(file);
  });

  it('discards a variant, leaving the batch while others remain', async () => {
    const first = await stage('a.png');
    const second = path.join(path.dirname(first), 'a-1.png');
    await fs.writeFile(second, 'x');
    await staging.discard(first);
    await assert.rejects(fs.access(first));
    await fs.access(second);
    await staging.discard(second);
    await assert.rejects(fs.access(path.dirname(first)));
  });

  it('sweeps batches older than a week, and only those', async () => {
    const old = await stage('old.png');
    const fresh = await stage('fresh.png');
    const weekAndADay = new Date(Date.now() - STAGING_MAX_AGE_MS - 24 * 3600_000);
    await fs.utimes(path.dirname(old), weekAndADay, weekAndADay);
    const removed = await staging.sweep();
    assert.deepEqual(removed, [path.dirname(old)]);
    await assert.rejects(fs.access(old));
    await fs.access(fresh);
  });

  it('sweeps nothing when there is no staging folder yet', async () => {
    assert.deepEqual(await staging.sweep(), []);
  });
});
