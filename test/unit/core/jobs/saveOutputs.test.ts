import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { publishExclusively } from '../../../../src/core/files/atomicWrite';
import { saveOutputs, type PendingOutput } from '../../../../src/core/jobs/saveOutputs';
import type { SavePlan } from '../../../../src/core/jobs/jobRecord';
import type { MediaType } from '../../../../src/runcomfy/types';
import { sampleJpeg } from '../../../support/sampleMedia';

const jpegType: MediaType = { kind: 'image', extension: 'jpg', mime: 'image/jpeg' };

/** An output whose bytes are known in advance, written the way a download writes them. */
function bytesOutput(bytes: Uint8Array, type: MediaType): PendingOutput {
  return {
    async fetchTo(tempPath) {
      await fs.writeFile(tempPath, bytes);
      return type;
    },
  };
}

describe('core/jobs/saveOutputs', () => {
  let ws: string;
  beforeEach(async () => {
    ws = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'rc-save-')));
  });
  afterEach(() => fs.rm(ws, { recursive: true, force: true }));

  const plan = (extra: Partial<SavePlan> = {}): SavePlan => ({
    folder: ws,
    baseName: 'photo.png',
    workspaceFolders: [ws],
    embedMetadata: false,
    ...extra,
  });

  it('"Replace" with a format change never touches an existing file that was not named: the new format gets a free name', async () => {
    await fs.writeFile(path.join(ws, 'photo.png'), 'the file the user was asked about');
    await fs.writeFile(path.join(ws, 'photo.jpg'), 'an unrelated file');
    const saved = await saveOutputs([bytesOutput(sampleJpeg, jpegType)], {
      jobId: 'j1',
      plan: plan({ exactTarget: path.join(ws, 'photo.png'), overwrite: true }),
      metadata: {},
    });
    assert.deepEqual(saved, [path.join(ws, 'photo-1.jpg')]);
    assert.equal(await fs.readFile(path.join(ws, 'photo.jpg'), 'utf8'), 'an unrelated file');
    assert.equal(await fs.readFile(path.join(ws, 'photo.png'), 'utf8'), 'the file the user was asked about');
    assert.deepEqual(await fs.readFile(saved[0]!), sampleJpeg);
  });

  it('"Replace" in the same format replaces exactly the named file', async () => {
    await fs.writeFile(path.join(ws, 'photo.jpg'), 'old');
    const saved = await saveOutputs([bytesOutput(sampleJpeg, jpegType)], {
      jobId: 'j2',
      plan: plan({ baseName: 'photo.jpg', exactTarget: path.join(ws, 'photo.jpg'), overwrite: true }),
      metadata: {},
    });
    assert.deepEqual(saved, [path.join(ws, 'photo.jpg')]);
    assert.deepEqual(await fs.readFile(saved[0]!), sampleJpeg);
    assert.deepEqual((await fs.readdir(ws)).sort(), ['photo.jpg']);
  });

  it('finding a free name does not get slower with every file: the 1,001st costs about what the 1st does', async function () {
    this.timeout(120_000);
    const crowded = path.join(ws, 'crowded');
    const empty = path.join(ws, 'empty');
    await fs.mkdir(crowded);
    await fs.mkdir(empty);
    for (let i = 0; i < 1000; i++) await fs.writeFile(path.join(crowded, i === 0 ? 'many.png' : `many-${i}.png`), '');
    const time = { crowded: 0, empty: 0 };
    // Alternated, so a busy machine slows both alike.
    for (let i = 0; i < 40; i++) {
      for (const [which, folder] of [['crowded', crowded], ['empty', empty]] as const) {
        const temp = path.join(folder, `.temp-${i}`);
        await fs.writeFile(temp, 'x');
        const started = performance.now();
        await publishExclusively(temp, path.join(folder, `${which === 'empty' ? `one-${i}` : 'many'}.png`), true);
        time[which] += performance.now() - started;
      }
    }
    console.log(`      40 names beside 1,000 taken ones: ${time.crowded.toFixed(0)} ms; in an empty folder: ${time.empty.toFixed(0)} ms`);
    assert.ok(await fs.stat(path.join(crowded, 'many-1039.png')));
    assert.ok(time.crowded < 20 * time.empty + 200, `crowded ${time.crowded.toFixed(0)} ms vs empty ${time.empty.toFixed(0)} ms`);
  });
});
