import { randomUUID } from 'node:crypto';
import { isActive, type JobRecord } from './jobRecord';

/** The slice of VS Code's `Memento` the tracker needs; tests pass a plain in-memory store. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const STORE_KEY = 'runcomfy.jobs';
/** Finished jobs kept as history; active ones are never dropped. */
export const HISTORY_LIMIT = 200;

type Listener = (job: JobRecord) => void;

/**
 * Every job, active and finished (the history), newest first, persisted in workspace storage. A job is
 * written *before* its polling starts and on every phase change, so a reload never loses a paid result.
 */
export class JobTracker {
  private jobs: JobRecord[];
  private readonly listeners = new Set<Listener>();
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly store: KeyValueStore) {
    const saved = store.get<JobRecord[]>(STORE_KEY);
    this.jobs = Array.isArray(saved) ? saved.filter((j) => j && typeof j.id === 'string') : [];
  }

  list(): readonly JobRecord[] {
    return this.jobs;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  active(): JobRecord[] {
    return this.jobs.filter((j) => isActive(j.phase));
  }

  async add(job: Omit<JobRecord, 'id' | 'files' | 'createdAt'> & Partial<Pick<JobRecord, 'id' | 'createdAt'>>): Promise<JobRecord> {
    const record: JobRecord = { id: randomUUID(), createdAt: Date.now(), files: [], ...job };
    this.jobs = [record, ...this.jobs];
    this.trim();
    this.emit(record);
    await this.persist();
    return record;
  }

  /** Applies `patch`; persists unless it is `transient` (queue position and similar chatter). */
  async update(id: string, patch: Partial<JobRecord>, options: { transient?: boolean } = {}): Promise<JobRecord | undefined> {
    const index = this.jobs.findIndex((j) => j.id === id);
    if (index < 0) return undefined;
    const next = { ...this.jobs[index], ...patch } as JobRecord;
    this.jobs = this.jobs.map((j, i) => (i === index ? next : j));
    // Listeners see the change at once; the caller still waits until it is on disk.
    this.emit(next);
    if (!options.transient) await this.persist();
    return next;
  }

  async remove(id: string): Promise<void> {
    const job = this.get(id);
    this.jobs = this.jobs.filter((j) => j.id !== id);
    await this.persist();
    if (job) this.emit({ ...job, phase: 'cancelled' });
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private trim(): void {
    let finished = 0;
    this.jobs = this.jobs.filter((j) => isActive(j.phase) || ++finished <= HISTORY_LIMIT);
  }

  /** Writes are chained so an older snapshot never lands after a newer one. */
  private persist(): Promise<void> {
    const snapshot = this.jobs;
    this.writes = this.writes.then(() => this.store.update(STORE_KEY, snapshot)).catch(() => undefined);
    return this.writes;
  }

  private emit(job: JobRecord): void {
    for (const listener of this.listeners) listener(job);
  }
}
