/**
 * Footprint figures: the activation bundle (size, what it contains, time to load and activate with a host
 * double of `vscode`), the packaged .vsix, memory added while downloading a 50 MiB file, and the offline
 * placeholder's render time.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createRunComfyClient } from '../../src/runcomfy';
import { renderPlaceholder } from '../../src/core/placeholder';
import { startRunComfyDouble } from '../support/runcomfyDouble';
import { MODEL } from './latencyBench';
import { median, percentile } from './stats';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const bundlePath = path.join(root, 'dist/extension.js');

export interface BundleFigures {
  bundleBytes: number;
  /** Bytes in the minified bundle per source: `node_modules/<package>` or `src/<folder>`. */
  composition: Record<string, number>;
  vsixBytes: number;
  vsixFile: string;
}

/** Production-builds dist/extension.js (with its metafile) and packs the .vsix. */
export async function bundleFigures(): Promise<BundleFigures> {
  await run(process.execPath, ['esbuild.mjs', '--production', '--metafile'], { cwd: root });
  const meta = JSON.parse(readFileSync(`${bundlePath}.meta.json`, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  rmSync(`${bundlePath}.meta.json`);
  const composition: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(Object.values(meta.outputs)[0]!.inputs)) {
    const parts = input.split('/');
    const key = parts[0] === 'node_modules' ? parts.slice(0, parts[1]!.startsWith('@') ? 3 : 2).join('/') : parts.slice(0, 2).join('/');
    composition[key] = (composition[key] ?? 0) + bytesInOutput;
  }
  const bundleBytes = statSync(bundlePath).size;
  const { stdout } = await run(process.execPath, ['scripts/package.mjs'], { cwd: root });
  const vsixFile = /(\S+\.vsix):/.exec(stdout)?.[1] ?? '';
  return { bundleBytes, composition, vsixBytes: statSync(path.join(root, vsixFile)).size, vsixFile };
}

export interface ActivationFigures {
  runs: number;
  medianRequireMs: number;
  medianActivateMs: number;
  medianTotalMs: number;
  p95TotalMs: number;
}

/** Loads the bundle and runs `activate()` in `runs` fresh Node processes; medians of the in-process timings. */
export async function activationFigures(runs: number): Promise<ActivationFigures> {
  const probe = path.join(__dirname, 'activationProbe.js');
  const samples: { requireMs: number; activateMs: number; totalMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, [probe, bundlePath], { cwd: root });
    samples.push(JSON.parse(stdout) as (typeof samples)[number]);
  }
  const total = samples.map((s) => s.totalMs);
  return {
    runs,
    medianRequireMs: median(samples.map((s) => s.requireMs)),
    medianActivateMs: median(samples.map((s) => s.activateMs)),
    medianTotalMs: median(total),
    p95TotalMs: percentile(total, 95),
  };
}

export interface DownloadMemoryFigures {
  fileBytes: number;
  runs: number;
  /** Peak amounts added over the baseline during the download (medians over runs, and the worst run's RSS). */
  medianRssAddedBytes: number;
  maxRssAddedBytes: number;
  medianHeapAddedBytes: number;
  medianExternalAddedBytes: number;
  medianMs: number;
}

/** Downloads a `mebibytes` MiB file from the double (in this process) with `client.download` in a child process. */
export async function downloadMemoryFigures(mebibytes: number, runs: number): Promise<DownloadMemoryFigures> {
  const double = await startRunComfyDouble();
  const client = createRunComfyClient({ baseUrl: double.baseUrl, getToken: () => double.token });
  const samples: { bytes: number; ms: number; rssAddedBytes: number; heapAddedBytes: number; externalAddedBytes: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const result = await client.run(MODEL, { prompt: `large [scenario:large-file:${mebibytes}] [queue:0] [run:0]` });
      const { stdout } = await run(process.execPath, ['--expose-gc', path.join(__dirname, 'downloadProbe.js')], {
        cwd: root,
        env: {
          ...process.env,
          BENCH_BASE_URL: double.baseUrl,
          BENCH_TOKEN: double.token,
          BENCH_URL: result.outputs[0]!.url,
          BENCH_MAX_BYTES: String((mebibytes + 8) * 1024 * 1024),
        },
      });
      samples.push(JSON.parse(stdout) as (typeof samples)[number]);
    }
  } finally {
    await client.close();
    await double.close();
  }
  return {
    fileBytes: samples[0]!.bytes,
    runs,
    medianRssAddedBytes: median(samples.map((s) => s.rssAddedBytes)),
    maxRssAddedBytes: Math.max(...samples.map((s) => s.rssAddedBytes)),
    medianHeapAddedBytes: median(samples.map((s) => s.heapAddedBytes)),
    medianExternalAddedBytes: median(samples.map((s) => s.externalAddedBytes)),
    medianMs: median(samples.map((s) => s.ms)),
  };
}

export interface PlaceholderFigures {
  width: number;
  height: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  pngBytes: number;
}

/** Renders a placeholder `runs` times (after a warm-up) with a different prompt each time. */
export function placeholderFigures(runs: number, width = 1024, height = 1024): PlaceholderFigures {
  let pngBytes = 0;
  for (let i = 0; i < 3; i++) renderPlaceholder({ prompt: `warm-up ${i}`, width, height });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    pngBytes = renderPlaceholder({ prompt: `a cozy cafe interior, take ${i}`, width, height }).length;
    times.push(performance.now() - started);
  }
  return { width, height, runs, medianMs: median(times), p95Ms: percentile(times, 95), pngBytes };
}

/** Restores the development build (with source maps) that `npm test` and F5 expect in dist/. */
export async function restoreDevelopmentBuild(): Promise<void> {
  await run(process.execPath, ['esbuild.mjs'], { cwd: root });
}
