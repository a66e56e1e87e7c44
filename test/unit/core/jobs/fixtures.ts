import type { KeyValueStore } from '../../../../src/core/jobs/jobTracker';
import type { JobRecord } from '../../../../src/core/jobs/jobRecord';

/** An in-memory stand-in for VS Code's workspace Memento (a plain map, as Memento is). */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  writes = 0;
  get<T>(key: string): T | undefined {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.data.set(key, structuredClone(value));
  }
}

export function spec(prompt: string): Omit<JobRecord, 'id' | 'files' | 'createdAt'> {
  return {
    source: 'palette',
    provider: 'offline',
    prompt,
    model: 'm/x',
    input: { prompt, width: 64, height: 64 },
    phase: 'waiting',
    save: { folder: '/tmp', baseName: 'x.png', workspaceFolders: ['/tmp'], embedMetadata: false },
  };
}
