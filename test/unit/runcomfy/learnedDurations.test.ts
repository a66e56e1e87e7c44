import * as assert from 'node:assert/strict';
import { durationKey, LearnedDurations } from '../../../src/runcomfy/learnedDurations';

describe('LearnedDurations', () => {
  it('groups jobs by model, size and steps', () => {
    assert.equal(durationKey('m/x', { prompt: 'p', width: 512, height: 768, steps: 4 }), 'm/x|512x768|steps=4');
    assert.equal(durationKey('m/x', { prompt: 'p' }), 'm/x|-x-|steps=-');
    assert.equal(durationKey('m/x', undefined), undefined);
  });

  it('knows nothing about a kind of job that never finished', () => {
    const learned = new LearnedDurations();
    assert.equal(learned.get('k'), undefined);
    assert.equal(learned.estimate(undefined), undefined);
  });

  it('takes a first run at the middle of the gap it ended in, as unsure as that gap', () => {
    const learned = new LearnedDurations();
    learned.record('k', 500, 1000);
    assert.deepEqual(learned.estimate('k'), { expectedMs: 750, spreadMs: 250 });
  });

  it('narrows the estimate as runs bracket the end more closely, even after a vague first run', () => {
    const learned = new LearnedDurations();
    learned.record('k', 500, 1000);
    learned.record('k', 600, 900);
    learned.record('k', 780, 1000);
    assert.deepEqual(learned.estimate('k'), { expectedMs: 840, spreadMs: 60 });
  });

  it('turns runs that cannot have taken the same time into a spread', () => {
    const learned = new LearnedDurations();
    learned.record('k', 760, 770);
    learned.record('k', 830, 840);
    assert.deepEqual(learned.estimate('k'), { expectedMs: 800, spreadMs: 30 });
  });

  it('ignores a one-in-five outlier', () => {
    const learned = new LearnedDurations();
    for (const [low, high] of [[790, 810], [795, 805], [2900, 3100], [792, 808], [794, 806]]) learned.record('k', low, high);
    assert.deepEqual(learned.estimate('k'), { expectedMs: 800.5, spreadMs: 5.5 });
  });

  it('follows a model that got faster within a few runs', () => {
    const learned = new LearnedDurations();
    for (let i = 0; i < 6; i++) learned.record('k', 4990, 5010);
    for (let i = 0; i < 6; i++) learned.record('k', 2990, 3010);
    assert.deepEqual(learned.estimate('k'), { expectedMs: 3000, spreadMs: 10 });
  });

  it('ignores runs that say nothing', () => {
    const learned = new LearnedDurations();
    learned.record(undefined, 100, 200);
    learned.record('k', Number.NaN, 200);
    learned.record('k', 0, 0);
    assert.deepEqual(learned.snapshot(), {});
  });

  it('round-trips through a snapshot and accepts plain numbers from older snapshots', () => {
    const learned = new LearnedDurations();
    learned.record('a', 700, 900);
    const restored = new LearnedDurations(JSON.parse(JSON.stringify(learned.snapshot())) as Record<string, unknown>);
    assert.deepEqual(restored.estimate('a'), { expectedMs: 800, spreadMs: 100 });
    const legacy = new LearnedDurations({ old: 5000, bad: -1, worse: 'x', partial: { expectedMs: 10 } });
    assert.deepEqual(legacy.estimate('old'), { expectedMs: 5000, spreadMs: 500 });
    assert.deepEqual(Object.keys(legacy.snapshot()), ['old']);
  });

  it('forgets the least recently updated kinds beyond its capacity', () => {
    const learned = new LearnedDurations({}, 6, 2);
    learned.record('a', 100, 200);
    learned.record('b', 100, 200);
    learned.record('a', 100, 200);
    learned.record('c', 100, 200);
    assert.deepEqual(Object.keys(learned.snapshot()).sort(), ['a', 'c']);
  });
});
