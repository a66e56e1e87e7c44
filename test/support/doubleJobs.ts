/**
 * The test double's jobs: a time-driven state machine (queued → running → finished) and the output files a
 * job produces (input checks: `doubleCatalog.ts`).
 * Independent of the client's own code on purpose, so tests compare two separate readings of the protocol.
 */
import { catalogOutputFiles } from './doubleCatalog';
import { addPngTextChunks } from '../../src/core/images/png';
import { referenceCaption, type DoubleReference } from './doubleReferences';
import { faultCount, type Scenario } from './doubleScenarios';
import { gradientPng, pictureCaption, picturePng, sampleGif, sampleJpeg, sampleMp4, sampleWebp } from './sampleMedia';

/** Epoch milliseconds with sub-millisecond precision, the double's one clock. */
export function doubleNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface DoubleJob {
  id: string;
  model: string;
  input: Record<string, unknown>;
  scenario: Scenario;
  createdAt: number;
  queueMs: number;
  runMs: number;
  cancelledAt?: number;
  /** Faulty poll replies still to send (count-limited scenarios). */
  pollFaultsLeft: number;
  /** Faulty downloads still to serve (download scenarios). */
  downloadFaultsLeft: number;
  /**
   * Each output's picture once drawn (see {@link outputFilesOf}), so every download serves the same bytes;
   * `false`: plain gradients instead (the double's `pictures: false`).
   */
  pictures?: Map<number, Buffer> | false;
  /** The reference images the submit carried as data URIs, as decoded (edit models). */
  references?: DoubleReference[];
}

export type JobPhase = 'in_queue' | 'in_progress' | 'succeeded' | 'failed' | 'cancelled';

export function createJob(
  id: string,
  model: string,
  input: Record<string, unknown>,
  scenario: Scenario,
  timeline: { queueMs: number; runMs: number },
): DoubleJob {
  const faults = faultCount(scenario);
  return { id, model, input, scenario, createdAt: doubleNow(), ...timeline, pollFaultsLeft: faults, downloadFaultsLeft: faults };
}

/** When the job reached (or will reach) its terminal state, in epoch ms. */
export function terminalAt(job: DoubleJob): number {
  return job.cancelledAt ?? job.createdAt + job.queueMs + job.runMs;
}

export function phaseAt(job: DoubleJob, now = doubleNow()): JobPhase {
  if (job.cancelledAt !== undefined) return 'cancelled';
  if (now < job.createdAt + job.queueMs) return 'in_queue';
  if (now < terminalAt(job)) return 'in_progress';
  return job.scenario.name.startsWith('failed') || job.scenario.name === 'echo-token' ? 'failed' : 'succeeded';
}

/** Position in the queue (1 = next), counting queued jobs created earlier. */
export function queuePosition(job: DoubleJob, jobs: Iterable<DoubleJob>, now = doubleNow()): number {
  let ahead = 0;
  for (const other of jobs) {
    if (other.createdAt < job.createdAt && phaseAt(other, now) === 'in_queue') ahead++;
  }
  return ahead + 1;
}

/** Outputs of one job drawn as pictures of it. */
const DRAWN_OUTPUTS = 4;

/** One output file: what it is called in `output`, its file name and bytes. */
export interface OutputFileSpec {
  key: string;
  name: string;
  bytes: () => Buffer;
  contentType: string;
}

/**
 * The files a succeeded job returns, according to its scenario. PNGs are pictures of the job (its prompt and
 * size), drawn on first use; {@link drawPictures} draws them ahead, while the job runs.
 */
export function outputFilesOf(job: DoubleJob): OutputFileSpec[] {
  const fromCatalog = catalogOutputFiles(job);
  if (fromCatalog) return fromCatalog;
  // An edit comes back at its reference's size, the way edit models keep the picture's shape.
  const reference = job.references?.[0];
  const width = reference?.width ?? Number(job.input.width ?? 1024);
  const height = reference?.height ?? Number(job.input.height ?? 1024);
  const pictures = (job.pictures ??= new Map());
  const picture = (index: number) => {
    // A job with hundreds of outputs (fault tests) would spend seconds drawing; past the first few, one
    // plain gradient (cached per size) stands in.
    if (pictures === false || index >= DRAWN_OUTPUTS) return gradientPng(width, height);
    let bytes = pictures.get(index);
    if (!bytes) pictures.set(index, (bytes = job.references ? editPicture(job, index, width, height) : picturePng(pictureCaption(job.id, job.input.prompt, index), width, height)));
    return bytes;
  };
  const png = (key: string, index: number): OutputFileSpec => ({ key, name: `${index}.png`, bytes: () => picture(index), contentType: 'image/png' });
  const fixed = (key: string, name: string, bytes: Buffer, contentType: string): OutputFileSpec[] => [
    { key, name, bytes: () => bytes, contentType },
  ];
  switch (job.scenario.name) {
    case 'images':
      return [png('images', 0)];
    case 'multiple':
      return Array.from({ length: job.scenario.count ?? 2 }, (_, index) => png('images', index));
    case 'partial-download':
      return Array.from({ length: 3 }, (_, index) => png('images', index));
    case 'no-output':
      return [];
    case 'jpeg':
      return fixed('image', '0.jpg', sampleJpeg, 'image/jpeg');
    case 'webp':
      return fixed('image', '0.webp', sampleWebp, 'image/webp');
    case 'gif':
      return fixed('image', '0.gif', sampleGif, 'image/gif');
    case 'video':
      return fixed('video', '0.mp4', sampleMp4, 'video/mp4');
    default:
      return [png('image', 0)];
  }
}

/** Draws a job's pictures now, so the download that follows its end is not slowed by drawing them. */
export function drawPictures(job: DoubleJob): void {
  if (job.scenario.name === 'large-file') return;
  for (const file of outputFilesOf(job).slice(0, DRAWN_OUTPUTS)) file.bytes();
}

/** An edit's output: the job's picture with what arrived drawn in, and the references' checksums as PNG text. */
function editPicture(job: DoubleJob, index: number, width: number, height: number): Buffer {
  const references = job.references ?? [];
  const caption = `${referenceCaption(references)} ${pictureCaption(job.id, job.input.prompt, index)}`;
  return addPngTextChunks(picturePng(caption, width, height), {
    'RunComfy-Double-References': references.map((ref) => `${ref.width}x${ref.height} ${ref.mime} ${ref.sha256}`).join('\n'),
  });
}
