/**
 * Shared set-up for client tests: the real client, over loopback, against a fresh test double, with poll
 * and retry timings shortened so the suite stays fast, and a clock that records every wait it was asked for.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRunComfyClient, type RunComfyClientOptions, type RunComfyHttpClient } from '../../../src/runcomfy';
import { abortableSleep, type Clock } from '../../../src/runcomfy/retry';
import { startRunComfyDouble, type RunComfyDouble, type RunComfyDoubleOptions } from '../../support/runcomfyDouble';

export const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';

/** A clock that records each requested sleep and really sleeps at most `capMs` of it. */
export function recordingClock(capMs = 20): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => performance.now(),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return abortableSleep(Math.min(ms, capMs), signal);
    },
  };
}

export interface Harness {
  double: RunComfyDouble;
  client: RunComfyHttpClient;
  dir: string;
  /** Files (including hidden temporary ones) left in `dir`. */
  leftovers(): Promise<string[]>;
  dispose(): Promise<void>;
}

export async function startHarness(
  doubleOptions: RunComfyDoubleOptions = {},
  clientOptions: Partial<RunComfyClientOptions> = {},
): Promise<Harness> {
  const double = await startRunComfyDouble(doubleOptions);
  const client = createRunComfyClient({
    baseUrl: double.baseUrl,
    getToken: () => double.token,
    userAgent: 'runcomfy-images-tests',
    pollPolicy: { budgetIntervalMs: 20, minIntervalMs: 10, queuedPerPositionMs: 20 },
    retryPolicy: { baseDelayMs: 10, maxDelayMs: 40, minRetryAfterMs: 10 },
    ...clientOptions,
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'runcomfy-client-'));
  return {
    double,
    client,
    dir,
    leftovers: () => readdir(dir),
    async dispose() {
      await client.close();
      await double.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The double's request log for one server, as `METHOD path` lines. */
export function requestLines(double: RunComfyDouble, server: 'api' | 'files'): string[] {
  return double.requests.filter((request) => request.server === server).map((request) => `${request.method} ${request.path}`);
}
