/**
 * Hands this extension's translations for the display language (the bundle VS Code loaded from l10n/) to
 * `@vscode/l10n`, which the pure modules use for the messages they build (they cannot import `vscode`;
 * the CLI leaves it unconfigured, so it prints English). extension.ts imports this module first, so even
 * texts a module builds when it loads are translated. In English VS Code has no bundle and nothing changes.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
