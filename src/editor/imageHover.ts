import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../core/commandIds';
import { isInside } from '../core/files/containment';
import { cssUrlAt } from '../core/links/cssUrls';
import { describeImage, readImageFacts } from '../core/images/imageFacts';
import { isLocalImagePath } from '../core/links/imageLinks';
import { resolveLinkTarget } from '../core/links/linkTarget';
import type { DocumentLinkIndexes } from './documentLinkIndexes';

/** Where the hover works: Markdown, the `<img>` languages, and stylesheets' `url()`. */
export const IMAGE_HOVER_LANGUAGES = ['markdown', 'mdx', 'html', 'vue', 'svelte', 'javascriptreact', 'typescriptreact', 'css', 'scss', 'less'];
const CSS_LANGUAGES = new Set(['css', 'scss', 'less']);
/** Markdown's built-in hover shows the picture itself. */
const SHOWS_OWN_PREVIEW = new Set(['markdown', 'mdx']);
/** A line that may hold an image link: `![`, `<img`, or a reference definition `[label]: path`. */
const LINK_LINE = /!\[|<img|^\s{0,3}\[[^\]]+\]:/i;

/**
 * The hover on an image link: the file's real size, type and weight, and for files this product made, the
 * prompt, model, steps, request id and date from their metadata, with Regenerate and Show in Studio.
 * Markdown's own hover already shows the picture, so ours adds a thumbnail only elsewhere.
 */
export class ImageHoverProvider implements vscode.HoverProvider {
  constructor(private readonly indexes: DocumentLinkIndexes) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (document.uri.scheme !== 'file') return undefined;
    const found = this.linkAt(document, position);
    if (!found || !isLocalImagePath(found.path)) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const target = resolveLinkTarget(document.uri.fsPath, found.path, folder);
    // Only files in the workspace are read: a link is no reason to look around the rest of the disk.
    if (!(vscode.workspace.workspaceFolders ?? []).some((f) => isInside(target, f.uri.fsPath))) return undefined;
    const facts = await readImageFacts(target);
    if (token.isCancellationRequested) return undefined;

    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [COMMANDS.generateForAltText, COMMANDS.openStudio, COMMANDS.upgradePlaceholders] };
    describeImage(path.basename(target), facts).forEach((line, index) => {
      markdown.appendText(line);
      markdown.appendMarkdown(index === 0 ? '\n\n' : '  \n');
    });
    if (facts?.type?.kind === 'image' && !SHOWS_OWN_PREVIEW.has(document.languageId)) {
      markdown.appendMarkdown(`\n\n![${path.basename(target)}](${vscode.Uri.file(target).toString()}|width=160)\n\n`);
    }
    const actions: string[] = [];
    if (facts?.generated?.placeholder) {
      const args = encodeURIComponent(JSON.stringify([document.uri.toString(), { files: [target] }]));
      actions.push(`[$(sparkle) ${vscode.l10n.t('Generate the real image')}](command:${COMMANDS.upgradePlaceholders}?${args} "${vscode.l10n.t('Replace this placeholder with a real image from RunComfy, at the same path')}")`);
    }
    if (found.altOffset !== undefined) {
      const args = encodeURIComponent(JSON.stringify([document.uri.toString(), found.altOffset]));
      actions.push(`[$(sparkle) ${facts ? vscode.l10n.t('Regenerate') : vscode.l10n.t('Generate image')}](command:${COMMANDS.generateForAltText}?${args} "${vscode.l10n.t('Generate this image from its alt text')}")`);
    }
    if (facts?.generated) actions.push(`[$(window) ${vscode.l10n.t('Show in Studio')}](command:${COMMANDS.openStudio} "${vscode.l10n.t("Open the Image Studio's history")}")`);
    if (actions.length) markdown.appendMarkdown(`\n\n${actions.join(' · ')}`);
    return new vscode.Hover(markdown, found.range);
  }

  private linkAt(document: vscode.TextDocument, position: vscode.Position): { path: string; range: vscode.Range; altOffset?: number } | undefined {
    const line = document.lineAt(position.line).text;
    if (CSS_LANGUAGES.has(document.languageId)) {
      const url = cssUrlAt(line, position.character);
      return url && { path: url.path, range: new vscode.Range(position.line, url.start, position.line, url.end) };
    }
    // This runs on every hover: only a line that can hold an image link looks at the links, parsed once per version.
    if (!LINK_LINE.test(line)) return undefined;
    const link = this.indexes.of(document).at(document.offsetAt(position));
    if (!link || link.isRemote) return undefined;
    return { path: link.path, range: new vscode.Range(document.positionAt(link.start), document.positionAt(link.end)), altOffset: link.start + 2 };
  }
}
