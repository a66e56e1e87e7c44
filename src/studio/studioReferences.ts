import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JobTracker } from '../core/jobs/jobTracker';
import { referenceField, type ImageInputField } from '../core/references/imageFields';
import { readReferences, referencePlan, ReferenceImageError, withReferences, type ReferencePlan } from '../core/references/referenceFiles';
import { resolveWorkspacePath, workspacePathOf, type WorkspaceFolderPath } from '../core/references/workspacePaths';
import type { ModelInputSchema } from '../runcomfy/inputSchema';
import type { ReferenceMessage, StudioConfig } from './protocol';
import type { ReferenceItem } from './referenceList';

export interface StudioReferenceDeps {
  tracker: JobTracker;
  config(): Promise<StudioConfig>;
  inputSchema(model: string): Promise<ModelInputSchema>;
  toWebviewUri(file: string): string;
  /** Sends checked images to the webview's references area. */
  added(model: string, items: ReferenceItem[]): void;
  notice(message: string, level?: 'info' | 'error'): void;
}

/** The reference plan of a Generate, or the problem to show beside the references area. */
export type StudioReferencePlan = { ok: true; plan: ReferencePlan } | { ok: false; field: string | undefined; message: string };

const IMAGE_GLOB = '**/*.{png,jpg,jpeg,webp,PNG,JPG,JPEG,WEBP}';

/**
 * The host side of the Studio's references area. The webview names images only by workspace-relative
 * path (or, for a drop, by the URIs VS Code put on the drag): every one is resolved here, must lie inside
 * a workspace folder and pass the same checks as an Edit Image reference before it is shown or sent.
 */
export class StudioReferences {
  constructor(private readonly deps: StudioReferenceDeps) {}

  async handle(message: ReferenceMessage): Promise<void> {
    const target = await this.target(message.model);
    if (!target) return;
    const files = await this.filesOf(message);
    if (files.length === 0) return;
    const items: ReferenceItem[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const checked = await this.check(file, target.field, target.label);
      if (typeof checked === 'string') problems.push(checked);
      else items.push(checked);
    }
    if (items.length > 0) this.deps.added(message.model, items);
    if (problems.length > 0) this.deps.notice(problems.join(' '), 'error');
  }

  /** Resolves and checks a Generate's references (count, files, the 64 MiB body) before anything is sent. */
  async plan(schema: ModelInputSchema, label: string, relativePaths: readonly string[]): Promise<StudioReferencePlan> {
    const field = referenceField(schema);
    if (!field) return { ok: false, field: undefined, message: vscode.l10n.t('{0} takes no image input: remove the reference images, or choose an edit model.', label) };
    const folders = workspaceFolders();
    const paths: string[] = [];
    for (const relative of relativePaths) {
      const file = resolveWorkspacePath(relative, folders);
      if (!file) return { ok: false, field: field.field.name, message: vscode.l10n.t('{0} is not a workspace file; remove it from the references.', relative) };
      paths.push(file);
    }
    const plan = { ...referencePlan(field, label, paths), roots: folders.map((f) => f.path) };
    try {
      const references = await readReferences(plan, { workspaceFolders: plan.roots, displayName: (file) => workspacePathOf(file, folders) ?? path.basename(file) });
      withReferences({ prompt: '' }, plan, references);
    } catch (error) {
      if (error instanceof ReferenceImageError) return { ok: false, field: field.field.name, message: error.message };
      throw error;
    }
    return { ok: true, plan };
  }

  /** The reference field of the model the form shows, or undefined (said) when the message is for another. */
  private async target(model: string): Promise<{ field: ImageInputField; label: string } | undefined> {
    const config = await this.deps.config();
    if (model !== config.model) {
      this.deps.notice(vscode.l10n.t('The Studio now uses {0}; add the images again.', config.modelLabel), 'error');
      return undefined;
    }
    const field = referenceField(await this.deps.inputSchema(model));
    if (!field) {
      this.deps.notice(vscode.l10n.t('{0} takes no image input. Choose an edit model to start from an image.', config.modelLabel), 'error');
      return undefined;
    }
    return { field, label: config.modelLabel };
  }

  private async filesOf(message: ReferenceMessage): Promise<string[]> {
    switch (message.type) {
      case 'addReferences': {
        const picked = await pickWorkspaceImage();
        return picked ? [picked] : [];
      }
      case 'dropReferences':
        return this.droppedFiles(message.uris);
      case 'useAsReference': {
        const file = this.deps.tracker.get(message.jobId)?.files[message.file];
        if (!file) this.deps.notice(vscode.l10n.t('That image is no longer in the history.'), 'error');
        return file ? [file] : [];
      }
    }
  }

  /** Dropped URIs inside a workspace folder; anything else is said and left out. */
  private droppedFiles(uris: readonly string[]): string[] {
    const files: string[] = [];
    const outside: string[] = [];
    for (const text of uris) {
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(text, true);
      } catch {
        continue;
      }
      if (vscode.workspace.getWorkspaceFolder(uri)) files.push(uri.fsPath);
      else outside.push(path.posix.basename(uri.path) || text);
    }
    if (outside.length > 0) this.deps.notice(vscode.l10n.t('Only workspace images can be references; {0} left out.', outside.join(', ')), 'error');
    return files;
  }

  /** The file as the area shows it, or the reason it cannot be a reference. */
  private async check(file: string, field: ImageInputField, label: string): Promise<ReferenceItem | string> {
    const folders = workspaceFolders();
    const relative = workspacePathOf(file, folders);
    if (!relative) return vscode.l10n.t('{0} is outside the workspace; only workspace images can be references.', path.basename(file));
    const single = { ...referencePlan(field, label, [file]), minItems: 0, maxItems: 1 };
    try {
      const [reference] = await readReferences(single, { workspaceFolders: folders.map((f) => f.path), displayName: () => relative });
      return { path: relative, name: path.basename(file), src: this.deps.toWebviewUri(file), width: reference!.size.width, height: reference!.size.height, bytes: reference!.bytes.byteLength };
    } catch (error) {
      if (error instanceof ReferenceImageError) return error.message;
      throw error;
    }
  }
}

function workspaceFolders(): WorkspaceFolderPath[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ name: folder.name, path: folder.uri.fsPath }));
}

/** One workspace image, chosen from a quick pick of the workspace's PNG, JPEG and WebP files. */
async function pickWorkspaceImage(): Promise<string | undefined> {
  const files = await vscode.workspace.findFiles(IMAGE_GLOB, '**/{node_modules,.git}/**', 2000);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This workspace has no PNG, JPEG or WebP images to use as references.'));
    return undefined;
  }
  const items = files
    .map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri, true), uri }))
    .sort((a, b) => a.description.localeCompare(b.description));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Add Reference Image'),
    placeHolder: vscode.l10n.t('Which workspace image should the model start from?'),
    matchOnDescription: true,
  });
  return picked?.uri.fsPath;
}
