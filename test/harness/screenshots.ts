import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Numbers screenshots in the order they are taken, so the folder reads as a story of the run:
 * `03-palette_RunComfy_Show_Log.png`, `04-log_channel.png`, `05-failed_….png`. The folder belongs to one run:
 * it is emptied first, so nothing stale is mistaken for this run's output.
 */
export class Screenshots {
  private taken = 0;

  constructor(
    private readonly page: Page,
    readonly dir: string,
  ) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  /** Saves the whole workbench; returns the file. Never throws: a screenshot must not fail a test. */
  async take(name: string): Promise<string> {
    this.taken += 1;
    const file = path.join(this.dir, `${String(this.taken).padStart(2, '0')}-${fileSafe(name)}.png`);
    await this.page.screenshot({ path: file }).catch((error: Error) => console.error(`screenshot ${file}: ${error.message}`));
    return file;
  }
}

function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80);
}
