/**
 * Footprint figures: the activation bundle (size, what it contains, time to load and activate with a host
 * double of `vscode`), the packaged .vsix, memory added while downloading a 50 MiB file, and the offline
 * placeholder's render time.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createRunComfyClient } from '../../src/runcomfy';
import { renderPlaceholder } from '../../src/core/placeholders/placeholderImage';
import { startRunComfyDouble } from '../support/runcomfyDouble';
import { MODEL } from './latencyBench';
import { median, percentile } from './stats';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const dist = path.join(root, 'dist');
const bundlePath = path.join(dist, 'extension.js');

export interface BundleFigures {
  /** Size of every file esbuild wrote to dist/ (production build). */
  files: Record<string, number>;
  /** Bytes per source in the activation bundle: `node_modules/<package>` or `src/<folder>`. */
  composition: Record<string, number>;
  vsixBytes: number;
  vsixFile: string;
}

/** Production-builds dist/ (with metafiles) and packs the .vsix. */
export async function bundleFigures(): Promise<BundleFigures> {
  await run(process.execPath, ['esbuild.mjs', '--production', '--metafile'], { cwd: root });
  const files: Record<string, number> = {};
  let composition: Record<string, number> = {};
  for (const name of readdirSync(dist)) {
    if (name.endsWith('.meta.json')) {
      if (name === 'extension.js.meta.json') composition = compositionOf(path.join(dist, name));
      rmSync(path.join(dist, name));
    } else if (name.endsWith('.js')) {
      files[name] = statSync(path.join(dist, name)).size;
    }
  }
  const { stdout } = await run(process.execPath, ['scripts/package.mjs'], { cwd: root });
  const vsixFile = /(\S+\.vsix):/.exec(stdout)?.[1] ?? '';
  return { files, composition, vsixBytes: statSync(path.join(root, vsixFile)).size, vsixFile };
}

function compositionOf(metafile: string): Record<string, number> {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const composition: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(Object.values(meta.outputs)[0]!.inputs)) {
    const parts = input.split('/');
    const key = parts[0] === 'node_modules' ? parts.slice(0, parts[1]!.startsWith('@') ? 3 : 2).join('/') : parts.slice(0, 2).join('/');
    composition[key] = (composition[key] ?? 0) + bytesInOutput;
  }
  return composition;
}

export interface ActivationFigures {
  runs: number;
  medianRequireMs: number;
  medianActivateMs: number;
  medianTotalMs: number;
  p95TotalMs: number;
  /** The dist/ files loaded by the end of `activate()`. */
  filesLoaded: string[];
}

/** Loads the bundle and runs `activate()` in `runs` fresh Node processes; medians of the in-process timings. */
export async function activationFigures(runs: number): Promise<ActivationFigures> {
  const probe = path.join(__dirname, 'activationProbe.js');
  const samples: { requireMs: number; activateMs: number; totalMs: number; filesLoaded: string[] }[] = [];
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
    filesLoaded: samples[0]!.filesLoaded,
  };
}

/** Peak memory added over the baseline while one file downloads (one child process). */
export interface DownloadSample {
  bytes: number;
  ms: number;
  rssAddedBytes: number;
  heapAddedBytes: number;
  externalAddedBytes: number;
}

export interface DownloadMemoryFigures {
  /** `runs` downloads of the main size, V8 collecting garbage when it likes (what a user gets). */
  main: DownloadSample[];
  /** A 4× larger file: streamed, the peak must not grow with the size. */
  larger: DownloadSample;
}

/** Downloads files from the double (in this process) with `client.download` in child processes. */
export async function downloadMemoryFigures(mebibytes: number, runs: number): Promise<DownloadMemoryFigures> {
  const double = await startRunComfyDouble();
  const client = createRunComfyClient({ baseUrl: double.baseUrl, getToken: () => double.token });
  const once = async (size: number): Promise<DownloadSample> => {
    const result = await client.run(MODEL, { prompt: `large [scenario:large-file:${size}] [queue:0] [run:0]` });
    const { stdout } = await run(process.execPath, ['--expose-gc', path.join(__dirname, 'downloadProbe.js')], {
      cwd: root,
      env: {
        ...process.env,
        BENCH_BASE_URL: double.baseUrl,
        BENCH_TOKEN: double.token,
        BENCH_URL: result.outputs[0]!.url,
        BENCH_MAX_BYTES: String((size + 8) * 1024 * 1024),
      },
    });
    return JSON.parse(stdout) as DownloadSample;
  };
  try {
    const main: DownloadSample[] = [];
    for (let i = 0; i < runs; i++) main.push(await once(mebibytes));
    return { main, larger: await once(mebibytes * 4) };
  } finally {
    await client.close();
    await double.close();
  }
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
