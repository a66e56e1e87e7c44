import * as vscode from 'vscode';
import { catalogRefreshAdvice } from '../core/models/catalogAdvice';
import { MissingTokenError } from '../editor/clientFactory';
import { CancelledError } from '../runcomfy/errors';
import { COMMANDS } from '../core/commandIds';
import type { Services } from './services';

/**
 * RunComfy: Refresh Model Catalog: fetches the catalog now with a cancellable progress notification; when
 * offline or the token is missing or rejected, says so, says what the list shows meanwhile and offers to set
 * the token. Resolves to true when the catalog was refreshed.
 */
export async function refreshModelCatalog(services: Services): Promise<boolean> {
  const { catalog } = services;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Refreshing the RunComfy model catalog'), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          await catalog.refresh({ signal: controller.signal });
        } finally {
          cancel.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof CancelledError || (error instanceof Error && error.name === 'AbortError')) return false;
    const advice = catalogRefreshAdvice(error instanceof MissingTokenError ? 'no-token' : error, catalog.source());
    // Not awaited: the command is done; the message waits for the user on its own.
    void services.messages.show('warning', advice.message, ...(advice.offerToken ? [vscode.l10n.t('Set API Token')] : [vscode.l10n.t('Show Log')])).then((choice) => {
      if (choice === vscode.l10n.t('Set API Token')) void vscode.commands.executeCommand(COMMANDS.setApiToken);
      if (choice === vscode.l10n.t('Show Log')) void vscode.commands.executeCommand(COMMANDS.showLog);
    });
    return false;
  }
  const count = (await catalog.models()).length;
  void services.messages.show('info', count === 1 ? vscode.l10n.t('Model catalog refreshed: 1 image model.') : vscode.l10n.t('Model catalog refreshed: {0} image models.', count));
  return true;
}
