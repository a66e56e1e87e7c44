import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS } from '../core/commandIds';
import { isInside } from '../core/files/containment';
import { mapConcurrently } from '../core/files/mapConcurrently';
import { imageReferences, type ImageReference } from '../core/placeholders/imageReferences';
import { readPlaceholderFile, type PlaceholderMark } from '../core/placeholders/placeholderMark';
import { formatSize } from '../core/placeholders/upgradePlan';
import type { SettingsReader } from './settingsReader';

/** Where placeholder links are looked for: Markdown, the `<img>` languages and stylesheets. */
export const PLACEHOLDER_LENS_LANGUAGES = ['markdown', 'mdx', 'html', 'vue', 'svelte', 'javascriptreact', 'typescriptreact', 'css', 'scss', 'less'];

const FILE_CHECKS_AT_ONCE = 16;

/** A file's mark as last read, valid while its modification time and size stay the same. */
interface MarkEntry {
  stamp: string;
  mark: PlaceholderMark | undefined;
}

/**
 * "Placeholder · generate the real image" above each link to an offline placeholder (setting
 * `placeholderCodeLens`). A document's references are parsed once per version; each file's mark is read once
 * per modification (a `stat` tells), side by side; lenses refresh when PNG files change.
 */
export class PlaceholderCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly references = new Map<string, { version: number; references: ImageReference[] }>();
  private readonly marks = new Map<string, MarkEntry>();
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly settings: SettingsReader) {
    this.disposables.push(
      settings.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidCloseTextDocument((d) => this.references.delete(d.uri.toString())),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.settings.settings.placeholderCodeLens || document.uri.scheme !== 'file') return [];
    this.watch();
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const references = this.referencesOf(document).filter((r) => roots.some((root) => isInside(r.target, root)));
    const targets = [...new Set(references.map((r) => r.target))];
    const marks = new Map(targets.map((t, i) => [t, i]));
    const found = await mapConcurrently(targets, FILE_CHECKS_AT_ONCE, (target) => this.markOf(target));
    if (token.isCancellationRequested) return [];
    return references.flatMap((reference) => {
      const mark = found[marks.get(reference.target)!];
      if (!mark) return [];
      const position = document.positionAt(reference.start);
      return [
        new vscode.CodeLens(new vscode.Range(position, position), {
          title: vscode.l10n.t('$(sparkle) Placeholder · generate the real image'),
          tooltip: vscode.l10n.t('Replace this placeholder (“{0}”, asked {1}) with a real image from RunComfy, at the same path', mark.prompt, formatSize(mark)),
          command: COMMANDS.upgradePlaceholders,
          arguments: [document.uri, { files: [reference.target] }],
        }),
      ];
    });
  }

  private referencesOf(document: vscode.TextDocument): ImageReference[] {
    const key = document.uri.toString();
    const cached = this.references.get(key);
    if (cached?.version === document.version) return cached.references;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const references = imageReferences(document.getText(), document.languageId, document.uri.fsPath, folder);
    this.references.set(key, { version: document.version, references });
    return references;
  }

  private async markOf(file: string): Promise<PlaceholderMark | undefined> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
      this.marks.delete(file);
      return undefined;
    }
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    const cached = this.marks.get(file);
    if (cached?.stamp === stamp) return cached.mark;
    const mark = /\.png$/i.test(file) ? await readPlaceholderFile(file) : undefined;
    this.marks.set(file, { stamp, mark });
    return mark;
  }

  private watch(): void {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*.png');
    const fire = () => this.changed.fire();
    this.disposables.push(this.watcher, this.watcher.onDidCreate(fire), this.watcher.onDidChange(fire), this.watcher.onDidDelete(fire));
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
