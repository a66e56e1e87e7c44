/**
 * Turns the job history into what the Studio shows: live jobs, staged variant groups and gallery tiles.
 * Pure: the file system facts and the URI conversion come in as functions, so tests need no VS Code.
 */
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { jobCostText } from '../core/cost/money';
import { isInside } from '../core/files/containment';
import { isActive, type JobRecord } from '../core/jobs/jobRecord';
import { phaseLabel } from '../core/jobs/statusSummary';
import type { GalleryTile, LiveJob, StagedGroup } from './protocol';

export interface GalleryEnvironment {
  /** Where variant batches are staged; one sub-folder per batch. */
  stagingRoot: string;
  /** Folders the webview may load images from (`localResourceRoots`, less `media/`). */
  roots: readonly string[];
  toWebviewUri(file: string): string;
  exists(file: string): boolean;
  /** Path shown to the user (workspace-relative). */
  displayPath(file: string): string;
}

export interface GalleryView {
  staged: StagedGroup[];
  history: GalleryTile[];
}

/** The staging batch a folder belongs to, if it lies inside the staging root. */
export function stagingGroupOf(folder: string, stagingRoot: string): string | undefined {
  if (!isInside(folder, stagingRoot)) return undefined;
  const first = path.relative(stagingRoot, folder).split(path.sep)[0];
  return first ? first : undefined;
}

/** True for a job whose files went to staging (a variants batch). */
export function isStagedJob(job: JobRecord, stagingRoot: string): boolean {
  return stagingGroupOf(job.save.folder, stagingRoot) !== undefined;
}

export function buildLiveJobs(jobs: readonly JobRecord[], stagingRoot: string, now: number): LiveJob[] {
  const live: LiveJob[] = [];
  for (const job of jobs) {
    if (!isActive(job.phase)) continue;
    live.push({
      id: job.id,
      prompt: job.prompt,
      phase: job.phase as LiveJob['phase'],
      label: phaseLabel(job),
      queuePosition: job.queuePosition,
      elapsedMs: Math.max(0, now - (job.submittedAt ?? job.createdAt)),
      size: sizeOf(job) ?? '',
      offline: job.provider === 'offline',
      variant: isStagedJob(job, stagingRoot),
    });
  }
  // Oldest first: the order they were started in, so positions do not jump as new jobs arrive.
  return live.reverse();
}

/**
 * History tiles, newest first: one per saved file, one per job that failed or stopped waiting. Cancelled
 * jobs are left out (nothing to show). Files still in staging form the variant groups, one per batch.
 */
export function buildGallery(jobs: readonly JobRecord[], env: GalleryEnvironment): GalleryView {
  const staged = new Map<string, StagedGroup>();
  const history: GalleryTile[] = [];
  for (const job of jobs) {
    if (job.phase === 'saved') {
      job.files.forEach((file, index) => {
        const tile = fileTile(job, file, index, env);
        const group = stagingGroupOf(path.dirname(file), env.stagingRoot);
        if (group === undefined) {
          history.push(tile);
          return;
        }
        const entry = staged.get(group) ?? { id: group, prompt: job.prompt, tiles: [] };
        // Jobs come newest first; within a batch, show the variants in the order they were started.
        entry.tiles.unshift(tile);
        staged.set(group, entry);
      });
    } else if (job.phase === 'failed' || job.phase === 'detached') {
      history.push({ ...baseTile(job), ...costOf(job), key: job.id, missing: false, outcome: job.phase, error: job.error?.message });
    }
  }
  return { staged: [...staged.values()], history };
}

function fileTile(job: JobRecord, file: string, index: number, env: GalleryEnvironment): GalleryTile {
  const missing = !env.exists(file);
  const loadable = !missing && env.roots.some((root) => isInside(file, root));
  return {
    ...baseTile(job),
    key: `${job.id}:${index}`,
    file: index,
    name: path.basename(file),
    relativePath: env.displayPath(file),
    src: loadable ? env.toWebviewUri(file) : undefined,
    missing,
    outcome: 'saved',
    // One job's cost covers all its files: said once, on the first, so the tiles never add up to more.
    ...(index === 0 ? costOf(job) : {}),
    ...referenceOf(job, env),
  };
}

/** The job's real cost for its tile: "$0.012", "$0.036 for 3 images", "cost not reported"; nothing offline or unsent. */
function costOf(job: JobRecord): Pick<GalleryTile, 'cost'> {
  // Offline tiles already say "offline": free goes without saying.
  const cost = job.provider === 'offline' ? undefined : jobCostText(job);
  if (cost === undefined) return {};
  return { cost: job.costUsd !== undefined && job.files.length > 1 ? l10n.t('{0} for {1} images', cost, job.files.length) : cost };
}

/** The first reference image of an edit, when it still exists where the webview may load it. */
function referenceOf(job: JobRecord, env: GalleryEnvironment): Pick<GalleryTile, 'reference'> {
  const first = job.references?.paths[0];
  if (!first || !env.exists(first) || !env.roots.some((root) => isInside(first, root))) return {};
  return { reference: { name: path.basename(first), src: env.toWebviewUri(first) } };
}

function baseTile(job: JobRecord): Omit<GalleryTile, 'key' | 'missing' | 'outcome'> {
  return {
    jobId: job.id,
    prompt: job.prompt,
    width: numberOrUndefined(job.input.width),
    height: numberOrUndefined(job.input.height),
    steps: numberOrUndefined(job.input.steps),
    model: job.model,
    offline: job.provider === 'offline',
    finishedAt: job.finishedAt,
  };
}

function sizeOf(job: JobRecord): string | undefined {
  const width = numberOrUndefined(job.input.width);
  const height = numberOrUndefined(job.input.height);
  return width && height ? `${width}×${height}` : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
