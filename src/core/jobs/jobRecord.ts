import type { ModelInput } from '../../runcomfy/types';
import type { ReferencePlan } from '../references/referenceFiles';

/**
 * A job's life: `waiting` (client-side, over `maxConcurrentJobs`) → `submitting` → `queued` → `running` →
 * `saving` → `saved`, or `failed` / `cancelled`; `detached` when we stopped waiting (timeout) but kept the
 * request id so the result can still be fetched.
 */
export type JobPhase =
  | 'waiting'
  | 'submitting'
  | 'queued'
  | 'running'
  | 'saving'
  | 'saved'
  | 'failed'
  | 'cancelled'
  | 'detached';

export const ACTIVE_PHASES: readonly JobPhase[] = ['waiting', 'submitting', 'queued', 'running', 'saving'];

export function isActive(phase: JobPhase): boolean {
  return ACTIVE_PHASES.includes(phase);
}

/** Where a job's files go. Resolved before the job starts so a resumed job saves exactly as planned. */
export interface SavePlan {
  /** Absolute folder for new files, named `baseName[-n].<ext from the bytes>`. */
  folder: string;
  baseName: string;
  /** A link's own path: the file must land exactly here (the extension may follow the bytes). */
  exactTarget?: string;
  /** The user chose to replace `exactTarget` if it exists. */
  overwrite?: boolean;
  /** Folders the files must stay inside (real paths are checked at write time). */
  workspaceFolders: string[];
  /** The document links are relative to. */
  documentPath?: string;
  embedMetadata: boolean;
}

/** A document edit to make once the file is saved, kept so a resumed job still makes it. */
export type LinkPlan =
  | { mode: 'insertAfter'; documentUri: string; line: number; anchorText: string; alt: string }
  /** `pathOffset`: where the path stood when the job started; the nearest occurrence is rewritten. */
  | { mode: 'rewritePath'; documentUri: string; oldPath: string; pathOffset?: number };

export type JobSource = 'palette' | 'selection' | 'altText' | 'missingImages' | 'placeholder' | 'studio' | 'tool' | 'edit';

export interface JobRecord {
  id: string;
  source: JobSource;
  provider: 'runcomfy' | 'offline';
  prompt: string;
  model: string;
  input: ModelInput;
  phase: JobPhase;
  requestId?: string;
  statusUrl?: string;
  resultUrl?: string;
  cancelUrl?: string;
  queuePosition?: number;
  createdAt: number;
  submittedAt?: number;
  finishedAt?: number;
  save: SavePlan;
  link?: LinkPlan;
  /** Absolute paths of the saved files. */
  files: string[];
  error?: { kind: string; message: string };
  /**
   * What RunComfy says the job cost, in USD (`/result?include_cost=true`); absent when it did not report one
   * (shown as "cost not reported", never as free) and for offline placeholders.
   */
  costUsd?: number;
  /** The user chose to discard the result of a job that could not be cancelled. */
  discardResult?: boolean;
  /** Reference images (an edit): encoded into `input` right before the submit, never stored encoded. */
  references?: ReferencePlan;
}
