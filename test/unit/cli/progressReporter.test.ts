import * as assert from 'node:assert/strict';
import type { JobRecord } from '../../../src/core/jobs/jobRecord';
import { Output, type TextStream } from '../../../src/cli/output';
import { ProgressReporter } from '../../../src/cli/progressReporter';
import { spec } from '../core/jobs/fixtures';

function stream(isTTY: boolean): TextStream & { text: string } {
  return { isTTY, columns: 120, text: '', write(chunk: string) { this.text += chunk; } };
}

function job(id: string, patch: Partial<JobRecord>): JobRecord {
  return { ...spec('a lighthouse at dusk'), id, files: [], createdAt: Date.now(), ...patch };
}

describe('cli: ProgressReporter', () => {
  it('on a terminal keeps one live line with phase, queue position, elapsed time and prompt', () => {
    const err = stream(true);
    const progress = new ProgressReporter(new Output(stream(false), err), 1);
    progress.update(job('a', { phase: 'queued', requestId: 'req-1', queuePosition: 3 }));
    progress.update(job('a', { phase: 'running', requestId: 'req-1' }));
    progress.stop();
    const frames = err.text.split('\r\x1b[K');
    assert.ok(frames.includes('request req-1: a lighthouse at dusk\n'), err.text);
    assert.ok(frames.some((f) => /^. Queued \(#3\) · 0s · a lighthouse at dusk$/.test(f)), err.text);
    assert.ok(frames.some((f) => /^. Generating · 0s · a lighthouse at dusk$/.test(f)), err.text);
    assert.ok(err.text.endsWith('\r\x1b[K'), 'the live line is cleared at the end');
  });

  it('sums up several jobs on one line', () => {
    const err = stream(true);
    const progress = new ProgressReporter(new Output(stream(false), err), 3);
    progress.update(job('a', { phase: 'saved' }));
    progress.update(job('b', { phase: 'running' }));
    progress.update(job('c', { phase: 'queued', queuePosition: 2 }));
    progress.stop();
    assert.match(err.text, /. 1\/3 saved · 1 generating · 1 queued \(#2\) · 0s\r\x1b\[K$/);
  });

  it('elsewhere prints one plain line per change, numbered when there are several jobs', () => {
    const err = stream(false);
    const progress = new ProgressReporter(new Output(stream(false), err), 2);
    progress.update(job('a', { phase: 'waiting' }));
    progress.update(job('a', { phase: 'queued', requestId: 'req-1', queuePosition: 1 }));
    progress.update(job('a', { phase: 'queued', requestId: 'req-1', queuePosition: 1 }));
    progress.update(job('b', { phase: 'saving' }));
    progress.stop();
    assert.equal(
      err.text,
      '[1/2] request req-1: a lighthouse at dusk\n[1/2] Queued (#1) · 0s · a lighthouse at dusk\n[2/2] Saving · 0s · a lighthouse at dusk\n',
    );
  });
});
