import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { JobRecord } from '../../../src/core/jobs/jobRecord';
import { buildGallery, buildLiveJobs, stagingGroupOf, type GalleryEnvironment } from '../../../src/studio/galleryModel';

const workspace = path.resolve('/ws');
const staging = path.resolve('/storage/staging');

function job(id: string, patch: Partial<JobRecord> = {}): JobRecord {
  return {
    id,
    source: 'studio',
    provider: 'runcomfy',
    prompt: `prompt ${id}`,
    model: 'blackforestlabs/flux-2-klein/9b/text-to-image',
    input: { prompt: `prompt ${id}`, width: 1536, height: 864, steps: 25 },
    phase: 'saved',
    createdAt: 1_000,
    finishedAt: 2_000,
    save: { folder: path.join(workspace, 'assets'), baseName: 'x.png', workspaceFolders: [workspace], embedMetadata: true },
    files: [path.join(workspace, 'assets', `${id}.png`)],
    ...patch,
  };
}

function env(missing: string[] = []): GalleryEnvironment {
  return {
    stagingRoot: staging,
    roots: [workspace, staging],
    toWebviewUri: (file) => `https://webview.test${file.split(path.sep).join('/')}`,
    exists: (file) => !missing.includes(file),
    displayPath: (file) => path.relative(workspace, file).split(path.sep).join('/'),
  };
}

describe('Studio gallery model', () => {
  it('gives an edit’s tile its first reference, for Compare, only while the webview can show it', () => {
    const hero = path.join(workspace, 'img', 'hero.png');
    const outside = path.resolve('/elsewhere/hero.png');
    const references = { field: 'image_urls', multiple: true, minItems: 1, maxItems: 10, validations: [], label: 'Edit', paths: [hero, path.join(workspace, 'b.png')] };
    const edit = job('e', { references });
    assert.deepEqual(buildGallery([edit], env()).history[0]!.reference, { name: 'hero.png', src: 'https://webview.test/ws/img/hero.png' });
    assert.equal(buildGallery([edit], env([hero])).history[0]!.reference, undefined, 'the reference was deleted');
    assert.equal(buildGallery([job('o', { references: { ...references, paths: [outside] } })], env()).history[0]!.reference, undefined, 'outside the roots');
    assert.equal(buildGallery([job('p')], env()).history[0]!.reference, undefined, 'not an edit');
  });

  it('turns saved jobs into tiles, newest first, with webview URIs', () => {
    const { history, staged } = buildGallery([job('b'), job('a')], env());
    assert.deepEqual(staged, []);
    assert.deepEqual(
      history.map((t) => [t.key, t.name, t.relativePath, t.src, t.width, t.height, t.steps, t.outcome]),
      [
        ['b:0', 'b.png', 'assets/b.png', 'https://webview.test/ws/assets/b.png', 1536, 864, 25, 'saved'],
        ['a:0', 'a.png', 'assets/a.png', 'https://webview.test/ws/assets/a.png', 1536, 864, 25, 'saved'],
      ],
    );
  });

  it('marks missing files and gives them no image source', () => {
    const gone = path.join(workspace, 'assets', 'a.png');
    const [tile] = buildGallery([job('a')], env([gone])).history;
    assert.equal(tile!.missing, true);
    assert.equal(tile!.src, undefined);
  });

  it('loads no image from outside the allowed folders', () => {
    const [tile] = buildGallery([job('a', { files: ['/elsewhere/a.png'] })], env()).history;
    assert.equal(tile!.missing, false);
    assert.equal(tile!.src, undefined);
  });

  it('shows failed and timed-out jobs with their reason, and leaves cancelled and running ones out', () => {
    const { history } = buildGallery(
      [
        job('f', { phase: 'failed', files: [], error: { kind: 'GenerationFailedError', message: 'content policy' } }),
        job('d', { phase: 'detached', files: [] }),
        job('c', { phase: 'cancelled', files: [] }),
        job('r', { phase: 'running', files: [] }),
      ],
      env(),
    );
    assert.deepEqual(
      history.map((t) => [t.key, t.outcome, t.error, t.file]),
      [
        ['f', 'failed', 'content policy', undefined],
        ['d', 'detached', undefined, undefined],
      ],
    );
  });

  it('groups staged variants by batch, in the order they were started', () => {
    const batch = path.join(staging, 'k1-abc');
    const variant = (id: string, name: string) =>
      job(id, { prompt: 'a fox', save: { folder: batch, baseName: 'a-fox.png', workspaceFolders: [batch], embedMetadata: true }, files: [path.join(batch, name)] });
    const { staged, history } = buildGallery([variant('v2', 'a-fox-1.png'), variant('v1', 'a-fox.png'), job('old')], env());
    assert.equal(staged.length, 1);
    assert.equal(staged[0]!.id, 'k1-abc');
    assert.equal(staged[0]!.prompt, 'a fox');
    assert.deepEqual(staged[0]!.tiles.map((t) => t.name), ['a-fox.png', 'a-fox-1.png']);
    assert.deepEqual(history.map((t) => t.key), ['old:0']);
  });

  it('moves a kept variant (its file now in the workspace) to the history', () => {
    const batch = path.join(staging, 'k1-abc');
    const kept = job('v1', { save: { folder: batch, baseName: 'a.png', workspaceFolders: [batch], embedMetadata: true }, files: [path.join(workspace, 'assets', 'a.png')] });
    const { staged, history } = buildGallery([kept], env());
    assert.deepEqual(staged, []);
    assert.deepEqual(history.map((t) => t.name), ['a.png']);
  });

  it('handles 200 entries quickly', () => {
    const jobs = Array.from({ length: 200 }, (_, i) => job(`j${i}`));
    const started = process.hrtime.bigint();
    const { history } = buildGallery(jobs, env());
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(history.length, 200);
    assert.ok(ms < 50, `took ${ms} ms`);
  });

  it('lists live jobs oldest first with phase, queue position and elapsed time', () => {
    const live = buildLiveJobs(
      [
        job('new', { phase: 'waiting', createdAt: 9_000, files: [] }),
        job('q', { phase: 'queued', queuePosition: 3, createdAt: 5_000, submittedAt: 6_000, files: [] }),
        job('done'),
      ],
      staging,
      10_000,
    );
    assert.deepEqual(
      live.map((j) => [j.id, j.phase, j.label, j.queuePosition, j.elapsedMs, j.size]),
      [
        ['q', 'queued', 'Queued (#3)', 3, 4_000, '1536×864'],
        ['new', 'waiting', 'Waiting for a free slot', undefined, 1_000, '1536×864'],
      ],
    );
  });

  it('knows which folders are staging batches', () => {
    assert.equal(stagingGroupOf(path.join(staging, 'b1'), staging), 'b1');
    assert.equal(stagingGroupOf(path.join(staging, 'b1', 'deeper'), staging), 'b1');
    assert.equal(stagingGroupOf(staging, staging), undefined);
    assert.equal(stagingGroupOf(path.join(workspace, 'assets'), staging), undefined);
    assert.equal(stagingGroupOf(`${staging}-evil/b1`, staging), undefined);
  });
});

describe('Studio gallery tiles: what each job cost', () => {
  const history = (jobs: JobRecord[]) => buildGallery(jobs, env()).history;

  it('shows the cost RunComfy reported, or says it reported none', () => {
    const [paid, silent] = history([job('paid', { requestId: 'r1', costUsd: 0.012 }), job('silent', { requestId: 'r2' })]);
    assert.equal(paid!.cost, '$0.012');
    assert.equal(silent!.cost, 'cost not reported');
  });

  it('says a job of several images once, on its first tile, with the count', () => {
    const files = ['one', 'two', 'three'].map((name) => path.join(workspace, 'assets', `${name}.png`));
    const tiles = history([job('triple', { requestId: 'r3', costUsd: 0.036, files })]);
    assert.deepEqual(tiles.map((t) => t.cost), ['$0.036 for 3 images', undefined, undefined]);
  });

  it('says the cost of a failed job that reached RunComfy, and nothing for offline or unsent jobs', () => {
    const [failed, offline, unsent] = history([
      job('failed', { phase: 'failed', requestId: 'r4', costUsd: 0.012, files: [], error: { kind: 'server', message: 'boom' } as JobRecord['error'] }),
      job('offline', { provider: 'offline', requestId: undefined }),
      job('unsent', { requestId: undefined }),
    ]);
    assert.equal(failed!.cost, '$0.012');
    assert.equal(offline!.cost, undefined);
    assert.equal(unsent!.cost, undefined);
    assert.ok(!('cost' in offline!), 'no cost key at all offline');
  });
});
