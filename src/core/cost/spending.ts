/**
 * What this workspace spent, from its job history: the reported costs of jobs that finished today and this
 * month (local time). Jobs RunComfy billed without reporting a cost are counted, not guessed, so the sum is
 * never silently low. History is capped, so this is what the history still holds. Pure.
 */
import * as l10n from '@vscode/l10n';
import type { JobRecord } from '../jobs/jobRecord';
import { formatUsd } from './money';

export interface Spending {
  todayUsd: number;
  monthUsd: number;
  /** Jobs sent to RunComfy this month whose cost was not reported. */
  unreportedThisMonth: number;
}

export function spendingOf(jobs: readonly Pick<JobRecord, 'provider' | 'requestId' | 'costUsd' | 'finishedAt'>[], now: Date): Spending {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const month = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
  const spending: Spending = { todayUsd: 0, monthUsd: 0, unreportedThisMonth: 0 };
  for (const job of jobs) {
    if (job.provider !== 'runcomfy' || !job.requestId || job.finishedAt === undefined || job.finishedAt < month) continue;
    if (job.costUsd === undefined) {
      spending.unreportedThisMonth++;
      continue;
    }
    spending.monthUsd += job.costUsd;
    if (job.finishedAt >= today) spending.todayUsd += job.costUsd;
  }
  return spending;
}

/** `Spent in this workspace: $0.05 today · $1.20 this month (2 jobs without a reported cost)`. */
export function spendingText(spending: Spending): string {
  const base = l10n.t('Spent in this workspace: {0} today · {1} this month', formatUsd(round(spending.todayUsd)), formatUsd(round(spending.monthUsd)));
  const n = spending.unreportedThisMonth;
  return n === 0 ? base : l10n.t('{0} ({1} without a reported cost)', base, n === 1 ? l10n.t('1 job') : l10n.t('{0} jobs', n));
}

/** Sums of binary fractions drift (0.1 + 0.2); a ledger's sum is kept to a millionth of a dollar. */
function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
