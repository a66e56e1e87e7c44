import * as assert from 'node:assert/strict';
import { spendingOf, spendingText } from '../../../../src/core/cost/spending';

/** A history record as spending reads it; local time, as the Studio's "today" is the user's day. */
const job = (finishedAt: Date | undefined, costUsd: number | undefined, provider: 'runcomfy' | 'offline' = 'runcomfy', sent = true) => ({
  provider,
  requestId: sent ? 'req' : undefined,
  costUsd,
  finishedAt: finishedAt?.getTime(),
});

describe('Spent today and this month, from history', () => {
  it('splits at local midnight: a job a minute before it is yesterday, one just after is today', () => {
    const now = new Date(2026, 11, 2, 0, 5); // 2 December, 00:05
    const spending = spendingOf([job(new Date(2026, 11, 1, 23, 59), 0.5), job(new Date(2026, 11, 2, 0, 0, 0, 0), 0.012), job(new Date(2026, 11, 2, 0, 4), 0.036)], now);
    assert.equal(spending.todayUsd.toFixed(3), '0.048');
    assert.equal(spending.monthUsd.toFixed(3), '0.548');
    assert.equal(spendingText(spending), 'Spent in this workspace: $0.048 today · $0.548 this month');
  });

  it('starts a new month at its first midnight: last month’s jobs count for neither', () => {
    const now = new Date(2027, 0, 1, 9, 0); // 1 January, 09:00
    const spending = spendingOf([job(new Date(2026, 11, 31, 23, 59, 59), 2), job(new Date(2027, 0, 1, 0, 0, 1), 0.15)], now);
    assert.deepEqual(spending, { todayUsd: 0.15, monthUsd: 0.15, unreportedThisMonth: 0 });
  });

  it('on the last day of a month, counts the whole month but only that day as today', () => {
    const now = new Date(2026, 1, 28, 23, 59); // 28 February (2026 is not a leap year)
    const spending = spendingOf([job(new Date(2026, 1, 1, 0, 0), 0.1), job(new Date(2026, 1, 27, 12), 0.2), job(new Date(2026, 1, 28, 8), 0.3), job(new Date(2026, 0, 31, 23, 0), 5)], now);
    assert.equal(spending.todayUsd.toFixed(2), '0.30');
    assert.equal(spending.monthUsd.toFixed(2), '0.60');
  });

  it('keeps sums to a millionth of a dollar, so many small costs add up as written', () => {
    const now = new Date(2026, 5, 15, 12);
    const jobs = Array.from({ length: 10 }, () => job(new Date(2026, 5, 15, 11), 0.1));
    assert.equal(spendingText(spendingOf(jobs, now)), 'Spent in this workspace: $1.00 today · $1.00 this month');
  });

  it('counts paid jobs without a reported cost instead of guessing, and says so', () => {
    const now = new Date(2026, 5, 15, 12);
    const one = spendingOf([job(new Date(2026, 5, 15, 10), undefined), job(new Date(2026, 5, 15, 11), 0.012)], now);
    assert.equal(one.unreportedThisMonth, 1);
    assert.equal(spendingText(one), 'Spent in this workspace: $0.012 today · $0.012 this month (1 job without a reported cost)');
    const two = spendingOf([job(new Date(2026, 5, 2), undefined), job(new Date(2026, 5, 3), undefined)], now);
    assert.equal(spendingText(two), 'Spent in this workspace: $0.00 today · $0.00 this month (2 jobs without a reported cost)');
  });

  it('leaves out offline placeholders, jobs that never reached RunComfy and jobs still running', () => {
    const now = new Date(2026, 5, 15, 12);
    const spending = spendingOf([job(new Date(2026, 5, 15, 11), 0, 'offline', false), job(new Date(2026, 5, 15, 11), undefined, 'runcomfy', false), job(undefined, 0.5)], now);
    assert.deepEqual(spending, { todayUsd: 0, monthUsd: 0, unreportedThisMonth: 0 });
  });
});
