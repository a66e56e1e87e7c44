/**
 * Child process of the benchmark: downloads one large output file through the real client's `download`
 * from a test double running in the parent, sampling RSS and heap every few milliseconds, and prints the
 * peak amounts added over the baseline taken just before as one JSON line.
 * Env: BENCH_BASE_URL, BENCH_TOKEN, BENCH_URL (the file), BENCH_MAX_BYTES. With --expose-gc the baseline
 * is taken after a full GC.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRunComfyClient } from '../../src/runcomfy';

async function main(): Promise<void> {
  const env = (name: string) => process.env[name] ?? '';
  const client = createRunComfyClient({ baseUrl: env('BENCH_BASE_URL'), getToken: () => env('BENCH_TOKEN') });
  const dir = await mkdtemp(path.join(tmpdir(), 'runcomfy-bench-dl-'));
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let peakExternal = baseline.external + baseline.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakExternal = Math.max(peakExternal, now.external + now.arrayBuffers);
  };
  const sampler = setInterval(sample, 2);
  const started = performance.now();
  const saved = await client.download(env('BENCH_URL'), path.join(dir, 'large.png'), { maxBytes: Number(env('BENCH_MAX_BYTES')) });
  const ms = performance.now() - started;
  sample();
  clearInterval(sampler);
  await client.close();
  await rm(dir, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify({
      bytes: saved.bytes,
      ms,
      rssAddedBytes: peakRss - baseline.rss,
      heapAddedBytes: peakHeap - baseline.heapUsed,
      externalAddedBytes: peakExternal - baseline.external - baseline.arrayBuffers,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
