import * as assert from 'node:assert/strict';
import { summarizeActiveJobs } from '../../../../src/core/jobs/statusSummary';
import type { JobRecord } from '../../../../src/core/jobs/jobRecord';
import { spec } from './fixtures';

function job(phase: JobRecord['phase'], extra: Partial<JobRecord> = {}): JobRecord {
  return { ...spec('a lighthouse'), id: phase, files: [], createdAt: 0, ...extra, phase };
}

describe('summarizeActiveJobs', () => {
  it('hides when idle', () => {
    assert.deepEqual(summarizeActiveJobs([], 0), {});
  });

  it('counts generating and queued jobs with the best queue position', () => {
    const summary = summarizeActiveJobs(
      [job('running'), job('submitting'), job('queued', { queuePosition: 5 }), job('queued', { queuePosition: 3 }), job('waiting')],
      65_000,
    );
    assert.equal(summary.text, '$(sync~spin) 2 generating · 3 queued (#3)');
    assert.match(summary.tooltip ?? '', /Generating 1m 05s: a lighthouse/);
    assert.match(summary.tooltip ?? '', /Waiting for a free slot/);
  });
});
