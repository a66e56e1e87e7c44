import * as assert from 'node:assert/strict';
import { Semaphore } from '../../../../src/core/jobs/semaphore';

describe('Semaphore', () => {
  it('holds back jobs over the limit and lets them in as others finish, in order', async () => {
    const semaphore = new Semaphore(() => 2);
    const order: string[] = [];
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const c = semaphore.acquire().then((release) => (order.push('c'), release));
    const d = semaphore.acquire().then((release) => (order.push('d'), release));
    await new Promise((r) => setImmediate(r));
    assert.equal(semaphore.waiting, 2);
    a();
    (await c)();
    b();
    (await d)();
    assert.deepEqual(order, ['c', 'd']);
  });

  it('drops an aborted waiter from the line', async () => {
    const semaphore = new Semaphore(() => 1);
    const first = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
    assert.equal(semaphore.waiting, 0);
    first();
    (await semaphore.acquire())();
  });
});
