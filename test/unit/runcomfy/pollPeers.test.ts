import * as assert from 'node:assert/strict';
import { PollPeers } from '../../../src/runcomfy/pollPeers';
import { PollRateLimiter } from '../../../src/runcomfy/pollRateLimit';

describe('PollPeers', () => {
  it('names the oldest running job of the same kind, and forgets ended ones', () => {
    const peers = new PollPeers();
    const first = peers.register('k', 0);
    const second = peers.register('k', 4000);
    peers.register('other', 9000).setRunning(true);
    assert.equal(peers.oldestSiblingLeadMs('k', 10_000), undefined, 'none seen running yet');
    first.setRunning(true);
    second.setRunning(true);
    assert.equal(peers.oldestSiblingLeadMs('k', 10_000), 10_000);
    assert.equal(peers.oldestSiblingLeadMs('k', 4000), 4000, 'only older ones count');
    first.end();
    assert.equal(peers.oldestSiblingLeadMs('k', 10_000), 6000);
    second.setRunning(false);
    assert.equal(peers.oldestSiblingLeadMs('k', 10_000), undefined);
  });

  it('remembers for a while that the service queued jobs', () => {
    const peers = new PollPeers(60_000);
    assert.equal(peers.queueLikely(0), false);
    peers.noteQueued(1000);
    assert.equal(peers.queueLikely(61_000), true);
    assert.equal(peers.queueLikely(61_001), false);
  });
});

describe('PollRateLimiter', () => {
  it('keeps every one-second window within the cap, queueing later callers behind earlier ones', () => {
    const limiter = new PollRateLimiter(3);
    const slots = [0, 0, 0, 0, 0, 0, 0, 10, 2500].map((now) => limiter.reserve(now));
    assert.deepEqual(slots, [0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2500]);
    for (let i = 3; i < slots.length; i++) assert.ok(slots[i]! - slots[i - 3]! >= 1000);
  });
});
