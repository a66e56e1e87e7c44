import * as vscode from 'vscode';
import { findMissingImages, refusalReason, type MissingImage } from '../core/links/missingImages';
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

const IMAGE_GLOB = '**/*.{png,jpg,jpeg,webp,gif,svg,avif}';

/**
 * "Generate image" above each Markdown image whose local file is missing (setting `codeLens`). Lenses
 * refresh when image files appear or disappear; the file watcher starts with the first request, not at
 * activation.
 */
export class MissingImagesCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;
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
    // The links are parsed once per version (shared with the hover and the cursor); the files are checked each pass, side by side.
    const found = await findMissingImages(document.getText(), document.languageId, document.uri.fsPath, folder, this.indexes.of(document).links);
    // No lens on a link the command would refuse for its target (outside the workspace); a link without alt
    // text keeps its lens, as the command asks for a prompt then.
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const refusals = await Promise.all(found.map((item) => refusalReason(item, roots)));
    const missing = found.filter((_, i) => refusals[i]?.kind !== 'outside');
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
    this.watcher = vscode.workspace.createFileSystemWatcher(IMAGE_GLOB, false, true, false);
    this.disposables.push(this.watcher, this.watcher.onDidCreate(() => this.changed.fire()), this.watcher.onDidDelete(() => this.changed.fire()));
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
