import * as vscode from 'vscode';
import { LinkedFileChecks } from '../core/links/linkedFileChecks';
import { missingImagesToOffer, type MissingImage } from '../core/links/missingImages';
import { COMMANDS } from '../core/commandIds';
import type { DocumentLinkIndexes } from './documentLinkIndexes';
import type { SettingsReader } from './settingsReader';

/**
 * "Generate all 12 missing images" beside the first missing image's lens, when there is more than one with
 * alt text to use as its prompt. It runs Generate Missing Images, which asks before a large paid batch.
 */
function batchLens(document: vscode.TextDocument, missing: readonly MissingImage[]): vscode.CodeLens | undefined {
  const count = missing.filter((m) => m.link.alt.trim()).length;
  if (count < 2) return undefined;
  const position = document.positionAt(missing[0]!.link.start);
  return new vscode.CodeLens(new vscode.Range(position, position), {
    title: vscode.l10n.t('$(sparkle) Generate all {0} missing images', count),
    tooltip: vscode.l10n.t('Generate every missing image linked from this file, each from its alt text'),
    command: COMMANDS.generateMissingImages,
    arguments: [document.uri],
  });
}

/**
 * "Generate image" above each Markdown image whose local file is missing (setting `codeLens`). The links
 * are parsed once per document version (shared with the hover and the cursor) and what is known about the
 * files is kept across passes, so the pass after an edit reads no directory again. A file watcher tells the
 * checks what was created or deleted and refreshes the lenses when that changes an answer; it starts with
 * the first request, not at activation.
 */
export class MissingImagesCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly checks = new LinkedFileChecks();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly settings: SettingsReader,
    private readonly indexes: DocumentLinkIndexes,
  ) {
    this.disposables.push(settings.onDidChange(() => this.changed.fire()));
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.settings.settings.codeLens || document.uri.scheme !== 'file') return [];
    this.watch();
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    // No lens on a link the command would refuse for its target (outside the workspace); a link without alt
    // text keeps its lens, as the command asks for a prompt then.
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const missing = await missingImagesToOffer(this.indexes.of(document).links, document.uri.fsPath, folder, roots, this.checks);
    if (token.isCancellationRequested) return [];
    const lenses = missing.map(({ link }) => {
      const position = document.positionAt(link.start);
      return new vscode.CodeLens(new vscode.Range(position, position), {
        title: vscode.l10n.t('$(sparkle) Generate image'),
        tooltip: vscode.l10n.t('Generate “{0}” into {1}', link.alt || vscode.l10n.t('an image'), link.path),
        command: COMMANDS.generateForAltText,
        arguments: [document.uri, link.start + 2],
      });
    });
    const batch = batchLens(document, missing);
    return batch ? [batch, ...lenses] : lenses;
  }

  private watch(): void {
    if (this.watcher) return;
    // Every path, not only images: a folder created or deleted changes whether the files linked into it exist.
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const changed = (uri: vscode.Uri) => {
      if (this.checks.changed(uri.fsPath)) this.changed.fire();
    };
    this.disposables.push(this.watcher, this.watcher.onDidCreate(changed), this.watcher.onDidDelete(changed));
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
