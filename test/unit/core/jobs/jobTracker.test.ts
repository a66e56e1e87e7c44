import * as assert from 'node:assert/strict';
import { HISTORY_LIMIT, JobTracker } from '../../../../src/core/jobs/jobTracker';
import { MemoryStore, spec } from './fixtures';

describe('JobTracker', () => {
  it('persists a job as soon as it is added, and a new tracker over the same store sees it', async () => {
    const store = new MemoryStore();
    const tracker = new JobTracker(store);
    const job = await tracker.add(spec('a fox'));
    await tracker.update(job.id, { phase: 'queued', requestId: 'req-1' });
    const reloaded = new JobTracker(store);
    assert.equal(reloaded.get(job.id)?.requestId, 'req-1');
    assert.deepEqual(reloaded.active().map((j) => j.id), [job.id]);
  });

  it('does not write transient updates', async () => {
    const store = new MemoryStore();
    const tracker = new JobTracker(store);
    const job = await tracker.add(spec('a fox'));
    const before = store.writes;
    await tracker.update(job.id, { queuePosition: 3 }, { transient: true });
    assert.equal(store.writes, before);
    assert.equal(tracker.get(job.id)?.queuePosition, 3);
  });

  it('caps finished history but never drops an active job', async () => {
    const tracker = new JobTracker(new MemoryStore());
    const active = await tracker.add(spec('still running'));
    await tracker.update(active.id, { phase: 'running' });
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await tracker.add({ ...spec(`done ${i}`), phase: 'saved' });
    assert.equal(tracker.list().length, HISTORY_LIMIT + 1);
    assert.ok(tracker.get(active.id));
    assert.equal(tracker.list()[0]?.prompt, `done ${HISTORY_LIMIT + 4}`);
  });

  it('tells listeners about every change', async () => {
    const tracker = new JobTracker(new MemoryStore());
    const seen: string[] = [];
    tracker.onDidChange((j) => seen.push(j.phase));
    const job = await tracker.add(spec('x'));
    await tracker.update(job.id, { phase: 'saved' });
    assert.deepEqual(seen, ['waiting', 'saved']);
  });
});
