import * as assert from 'node:assert/strict';
import { defaultPollPolicy } from '../../../src/runcomfy';
import { KLEIN_9B, startHarness, type Harness } from './clientHarness';

/**
 * The adaptive poller end to end, with its real (default) policy over loopback: once it has seen a kind
 * of job, it notices the end within a few tens of ms while sending no more requests than a fixed 500 ms
 * poller would (status every 500 ms, then the result).
 */
describe('RunComfy client: adaptive polling', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ queueMs: 0, runMs: 300 }, { pollPolicy: defaultPollPolicy });
  });
  afterEach(() => h.dispose());

  it('learns a job kind and then notices its end quickly, within the fixed poller budget', async () => {
    const input = { prompt: 'x', width: 512, height: 512 };
    const latencies: number[] = [];
    for (let run = 0; run < 4; run++) {
      const before = h.double.requests.length;
      const result = await h.client.run(KLEIN_9B, input);
      latencies.push(performance.timeOrigin + performance.now() - h.double.completions.get(result.requestId)!);
      const polls = h.double.requests.length - before - 1;
      assert.ok(polls <= Math.ceil(300 / 500) + 1, `run ${run}: ${polls} polls`);
    }
    assert.ok(Math.max(...latencies.slice(1)) < 100, `latencies: ${latencies.map(Math.round).join(', ')}`);
    assert.equal(Math.round(Object.values(h.client.learnedDurations.snapshot())[0]!), 300);
  });

  it('starts from persisted durations', async () => {
    h.client.learnedDurations.restore({ [`${KLEIN_9B}|512x512|steps=-`]: 300 });
    const result = await h.client.run(KLEIN_9B, { prompt: 'x', width: 512, height: 512 });
    const latency = performance.timeOrigin + performance.now() - h.double.completions.get(result.requestId)!;
    assert.ok(latency < 100, `latency ${Math.round(latency)} ms`);
    assert.equal(h.double.requests.length, 2, 'submit and a single poll');
  });
});
