import * as assert from 'node:assert/strict';
import { durationKey, LearnedDurations } from '../../../src/runcomfy';

describe('LearnedDurations', () => {
  it('keys jobs by model, size and steps', () => {
    assert.equal(durationKey('m/x', { prompt: 'p', width: 512, height: 768, steps: 4 }), 'm/x|512x768|steps=4');
    assert.equal(durationKey('m/x', { prompt: 'p' }), 'm/x|-x-|steps=-');
    assert.equal(durationKey('m/x', undefined), undefined);
  });

  it('averages samples, weighting recent ones', () => {
    const learned = new LearnedDurations();
    learned.record('k', 1000);
    assert.equal(learned.get('k'), 1000);
    learned.record('k', 2000);
    assert.equal(learned.get('k'), 1400);
    learned.record('k', Number.NaN);
    learned.record('k', -5);
    assert.equal(learned.get('k'), 1400);
  });

  it('round-trips through snapshot and restore, dropping garbage', () => {
    const learned = new LearnedDurations({ a: 800, b: 'x' as unknown as number, c: -1 });
    assert.deepEqual(learned.snapshot(), { a: 800 });
    const copy = new LearnedDurations();
    copy.restore(learned.snapshot());
    assert.equal(copy.get('a'), 800);
  });

  it('forgets the least recently updated key past its capacity', () => {
    const learned = new LearnedDurations({}, 0.5, 2);
    learned.record('a', 1);
    learned.record('b', 1);
    learned.record('a', 1);
    learned.record('c', 1);
    assert.deepEqual(Object.keys(learned.snapshot()).sort(), ['a', 'c']);
  });

  it('learns how much jobs vary: nothing after one run, then the average distance from the expected time', () => {
    const learned = new LearnedDurations();
    learned.record('k', 800);
    assert.equal(learned.spread('k'), undefined);
    learned.record('k', 840);
    assert.equal(learned.spread('k'), 40);
    learned.record('k', 816);
    assert.equal(learned.spread('k'), 40 + 0.4 * (0 - 40));
    learned.record('k', Number.NaN);
    assert.equal(learned.spread('k'), 24);
    assert.equal(learned.spread(undefined), undefined);
  });

  it('counts timed runs and tells listeners, so waiting poll loops can re-plan', () => {
    const learned = new LearnedDurations({ restored: 500 });
    assert.equal(learned.samples('restored'), 1);
    assert.equal(learned.samples('k'), 0);
    const heard: string[] = [];
    const unsubscribe = learned.onRecorded((key) => heard.push(key));
    learned.record('k', 800);
    learned.record('k', 820);
    learned.record('k', Number.NaN);
    unsubscribe();
    learned.record('k', 810);
    assert.deepEqual(heard, ['k', 'k']);
    assert.equal(learned.samples('k'), 3);
  });
});
