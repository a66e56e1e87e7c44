import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../src/core/atomicWrite';

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

  it('writes bytes and creates missing parent folders', async () => {
    const target = path.join(dir, 'a/b/c.png');
    await writeFileAtomic(target, bytes('hello'));
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

  it('leaves nothing behind when the source stream fails', async () => {
    const target = path.join(dir, 'fail.png');
    async function* failing(): AsyncIterable<Uint8Array> {
      yield bytes('partial');
      throw new Error('connection reset');
    }
    await assert.rejects(writeFileAtomic(target, failing()), /connection reset/);
    assert.deepEqual(await fs.readdir(dir), []);
  });

  it('does nothing at all when already aborted', async () => {
    const target = path.join(dir, 'sub/never.png');
    await assert.rejects(writeFileAtomic(target, bytes('x'), { signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.deepEqual(await fs.readdir(dir), []);
  });
});
