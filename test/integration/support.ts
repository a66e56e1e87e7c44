import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import type { JobRecord } from '../../src/core/jobs/jobRecord';
import type { ShownMessage } from '../../src/editor/userMessages';
import { doubleNow } from '../support/doubleJobs';
import { startRunComfyDouble, type RunComfyDouble } from '../support/runcomfyDouble';
import { activatedExtension } from './extensionUnderTest';

/** The services `activate()` returned: the same objects the commands use. */
export async function extensionServices(): Promise<Services> {
  return (await activatedExtension()).exports as Services;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the fixture workspace is not open');
  return folder.uri.fsPath;
}

/**
 * Starts the RunComfy test double and points the extension at it, as a user would: the base URL in user
 * settings, the token in secret storage. Call in `before`; the returned function undoes it.
 */
export async function useTestDouble(): Promise<{ double: RunComfyDouble; services: Services; restore(): Promise<void> }> {
  const services = await extensionServices();
  const double = await startRunComfyDouble();
  await setUserSetting('baseUrl', double.baseUrl);
  await services.tokens.set(double.token);
  return {
    double,
    services,
    restore: async () => {
      await services.tokens.clear();
      await setUserSetting('baseUrl', undefined);
      await double.close();
    },
  };
}

/** `useTestDouble` for a whole `describe`: started before its tests, restored after them. */
export function withTestDouble(): { services: Services; double: RunComfyDouble } {
  const t = {} as { services: Services; double: RunComfyDouble; restore?: () => Promise<void> };
  before(async () => Object.assign(t, await useTestDouble()));
  after(async () => t.restore?.());
  return t;
}

export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('runcomfy').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function setWorkspaceSetting(section: string, value: unknown): Promise<void> {
  const [head, ...rest] = section.split('.');
  await vscode.workspace.getConfiguration(head).update(rest.join('.'), value, vscode.ConfigurationTarget.Workspace);
}

/** Writes a document into the workspace and opens it in an editor. */
export async function openDocument(relativePath: string, content: string, languageId?: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceRoot(), relativePath);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  let document = await vscode.workspace.openTextDocument(file);
  if (languageId && document.languageId !== languageId) document = await vscode.languages.setTextDocumentLanguage(document, languageId);
  return vscode.window.showTextDocument(document);
}

export async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * A moment the extension recorded with `Date.now()` (a shown message's `at`, whole milliseconds, floored) as
 * the double's request log reads time (`performance`, sub-millisecond). The two clocks drift apart by a few
 * milliseconds, enough to make "read before the question" look false on a busy machine: compare on one clock.
 */
export function onDoubleClock(wallMs: number): { from: number; until: number } {
  const at = wallMs + (doubleNow() - Date.now());
  return { from: at, until: at + 1 };
}

/** Files in a folder of the workspace (none when it does not exist). */
export async function filesIn(relativeFolder: string): Promise<string[]> {
  return (await fs.readdir(path.join(workspaceRoot(), relativeFolder)).catch(() => [] as string[])).sort();
}

export async function removeFromWorkspace(...relativePaths: string[]): Promise<void> {
  for (const p of relativePaths) await fs.rm(path.join(workspaceRoot(), p), { recursive: true, force: true });
}

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The newest job whose prompt contains `text`. */
export function jobWithPrompt(services: Services, text: string): JobRecord | undefined {
  return services.tracker.list().find((j) => j.prompt.includes(text));
}

/** Messages shown to the user since `since` (epoch ms). */
export function messagesSince(services: Services, since: number): ShownMessage[] {
  return services.messages.recent.filter((m) => m.at >= since);
}
