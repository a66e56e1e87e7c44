import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureWorkspace } from './paths';

/** A private copy of test/fixtures/workspace; {@link dispose} deletes it. */
export interface WorkspaceCopy {
  /** Still named `workspace`, so window titles read the same as for the original. */
  readonly path: string;
  dispose(): void;
}

/**
 * Copies the fixture workspace to a temporary folder. Tests and the workbench write into the folder they open
 * (generated images, `.vscode/settings.json`), and the repository's copy must stay as committed.
 */
export function copyFixtureWorkspace(): WorkspaceCopy {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'runcomfy-fixture-'));
  const copy = path.join(parent, 'workspace');
  cpSync(fixtureWorkspace, copy, { recursive: true });
  return { path: copy, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}
