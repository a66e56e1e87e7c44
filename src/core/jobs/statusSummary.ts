import * as l10n from '@vscode/l10n';
import type { JobRecord } from './jobRecord';

/** What the status bar item shows for the current jobs; `undefined` text means hide it. */
export interface StatusSummary {
  text?: string;
  tooltip?: string;
}

/**
 * `$(sync~spin) 2 generating · 1 queued (#3)` while busy, with each job's elapsed time in the tooltip.
 * "generating" counts jobs being submitted, run or saved; "queued" those RunComfy or we are holding back.
 */
export function summarizeActiveJobs(jobs: readonly JobRecord[], now: number): StatusSummary {
  const generating = jobs.filter((j) => j.phase === 'submitting' || j.phase === 'running' || j.phase === 'saving');
  const queued = jobs.filter((j) => j.phase === 'queued' || j.phase === 'waiting');
  if (generating.length === 0 && queued.length === 0) return {};
  const parts: string[] = [];
  if (generating.length > 0) parts.push(l10n.t('{0} generating', generating.length));
  if (queued.length > 0) {
    const positions = queued.map((j) => j.queuePosition).filter((p): p is number => typeof p === 'number');
    parts.push(positions.length > 0 ? l10n.t('{0} queued (#{1})', queued.length, Math.min(...positions)) : l10n.t('{0} queued', queued.length));
  }
  const lines = [...generating, ...queued].map((j) => l10n.t('{0} {1}: {2}', phaseLabel(j), elapsed(now - (j.submittedAt ?? j.createdAt)), truncate(j.prompt, 60)));
  return { text: `$(sync~spin) ${parts.join(' · ')}`, tooltip: l10n.t('{0}\n\nClick to show generation jobs.', lines.join('\n')) };
}

export function phaseLabel(job: JobRecord): string {
  switch (job.phase) {
    case 'waiting':
      return l10n.t('Waiting for a free slot');
    case 'submitting':
      return l10n.t('Submitting');
    case 'queued':
      return job.queuePosition !== undefined ? l10n.t('Queued (#{0})', job.queuePosition) : l10n.t('Queued');
    case 'running':
      return l10n.t('Generating');
    case 'saving':
      return l10n.t('Saving');
    case 'saved':
      return l10n.t('Saved');
    case 'failed':
      return l10n.t('Failed');
    case 'cancelled':
      return l10n.t('Cancelled');
    case 'detached':
      return l10n.t('Stopped waiting');
  }
}

export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
