import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../../src/core/files/atomicWrite';

describe('core/atomicWrite', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rc-atomic-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const bytes = (text: string) => new TextEncoder().encode(text);
  async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
    for (const part of parts) yield bytes(part);
  }

  it('writes bytes, creates missing parent folders and returns the path', async () => {
    const target = path.join(dir, 'a/b/c.png');
    assert.equal(await writeFileAtomic(target, bytes('hello')), target);
    assert.equal(await fs.readFile(target, 'utf8'), 'hello');
    assert.deepEqual(await fs.readdir(path.dirname(target)), ['c.png']);
  });

  it('streams async iterables', async () => {
    const target = path.join(dir, 'stream.bin');
    await writeFileAtomic(target, chunks('ab', 'cd', 'ef'));
    assert.equal(await fs.readFile(target, 'utf8'), 'abcdef');
  });

  it('never clobbers an existing file by default, and leaves no temporary file', async () => {
    const target = path.join(dir, 'keep.png');
    await fs.writeFile(target, 'original');
    await assert.rejects(writeFileAtomic(target, bytes('new')), { code: 'EEXIST' });
    assert.equal(await fs.readFile(target, 'utf8'), 'original');
    assert.deepEqual(await fs.readdir(dir), ['keep.png']);
  });

  it('does not clobber a file that appears while the body is streaming', async () => {
    const target = path.join(dir, 'race.png');
    async function* racing(): AsyncIterable<Uint8Array> {
      yield bytes('ours');
      await fs.writeFile(target, 'theirs'); // another writer wins the name mid-download
    }
    await assert.rejects(writeFileAtomic(target, racing()), { code: 'EEXIST' });
    assert.equal(await fs.readFile(target, 'utf8'), 'theirs');
    assert.deepEqual(await fs.readdir(dir), ['race.png']);
  });

  it('with pickFreeName, takes the next free numbered name, even one taken mid-stream', async () => {
    const target = path.join(dir, 'cat.png');
    await fs.writeFile(target, 'first');
    async function* racing(): AsyncIterable<Uint8Array> {
      yield bytes('ours');
      await fs.writeFile(path.join(dir, 'cat-1.png'), 'second'); // a parallel job finished first
    }
    assert.equal(await writeFileAtomic(target, racing(), { pickFreeName: true }), path.join(dir, 'cat-2.png'));
    assert.equal(await fs.readFile(path.join(dir, 'cat-2.png'), 'utf8'), 'ours');
    assert.equal(await fs.readFile(target, 'utf8'), 'first');
    assert.deepEqual((await fs.readdir(dir)).sort(), ['cat-1.png', 'cat-2.png', 'cat.png']);
  });

  it('concurrent writers to one name all land, under distinct names', async () => {
    const target = path.join(dir, 'same.png');
    const written = await Promise.all(['a', 'b', 'c', 'd'].map((text) => writeFileAtomic(target, bytes(text), { pickFreeName: true })));
    assert.equal(new Set(written).size, 4);
    const contents = await Promise.all(written.map((file) => fs.readFile(file, 'utf8')));
    assert.deepEqual(contents.sort(), ['a', 'b', 'c', 'd']);
    assert.equal((await fs.readdir(dir)).length, 4);
  });

  it('replaces an existing file with overwrite: true', async () => {
    const target = path.join(dir, 'replace.png');
    await fs.writeFile(target, 'old');
    await writeFileAtomic(target, bytes('new'), { overwrite: true });
    assert.equal(await fs.readFile(target, 'utf8'), 'new');
    assert.deepEqual(await fs.readdir(dir), ['replace.png']);
  });

  it('leaves nothing behind when aborted mid-stream', async () => {
    const target = path.join(dir, 'abort.png');
    const controller = new AbortController();
    async function* aborting(): AsyncIterable<Uint8Array> {
      yield bytes('partial');
      controller.abort();
      yield bytes('more');
    }
    await assert.rejects(writeFileAtomic(target, aborting(), { signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual(await fs.readdir(dir), []);
  });

  it('leaves nothing behind when the source stream fails, not even the folders it created', async () => {
    await fs.mkdir(path.join(dir, 'existing'));
    const target = path.join(dir, 'existing/new/deeper/fail.png');
    async function* failing(): AsyncIterable<Uint8Array> {
      yield bytes('partial');
      throw new Error('connection reset');
    }
    await assert.rejects(writeFileAtomic(target, failing()), /connection reset/);
    assert.deepEqual(await fs.readdir(dir), ['existing']);
    assert.deepEqual(await fs.readdir(path.join(dir, 'existing')), []);
  });

  it('runs verify on the complete temporary file and publishes nothing when it throws', async () => {
    const target = path.join(dir, 'verified.png');
    let seen = '';
    await assert.rejects(
      writeFileAtomic(target, chunks('GIF', '89a'), {
        verify: async (temporaryPath) => {
          seen = await fs.readFile(temporaryPath, 'utf8');
          throw new Error('not a PNG');
        },
      }),
      /not a PNG/,
    );
    assert.equal(seen, 'GIF89a');
    assert.deepEqual(await fs.readdir(dir), []);
    await writeFileAtomic(target, bytes('ok'), { verify: () => undefined });
    assert.equal(await fs.readFile(target, 'utf8'), 'ok');
  });

  it('handles target names near the file-name length limit', async () => {
    const target = path.join(dir, `${'n'.repeat(240)}.png`);
    await writeFileAtomic(target, bytes('long'));
    assert.equal(await fs.readFile(target, 'utf8'), 'long');
  });

  it('does nothing at all when already aborted', async () => {
    const target = path.join(dir, 'sub/never.png');
    await assert.rejects(writeFileAtomic(target, bytes('x'), { signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.deepEqual(await fs.readdir(dir), []);
  });
});
