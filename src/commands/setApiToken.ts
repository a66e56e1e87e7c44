import * as vscode from 'vscode';
import type { Services } from './services';

/** RunComfy: Set API Token: stores it in SecretStorage, never in settings or logs. */
export async function setApiToken(services: Services): Promise<boolean> {
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('RunComfy API Token'),
    prompt: vscode.l10n.t('Paste your token from runcomfy.com → Profile → API Token. It is kept in VS Code’s secret storage.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length === 0 ? vscode.l10n.t('The token cannot be empty.') : /\s/.test(value.trim()) ? vscode.l10n.t('A token has no spaces.') : undefined),
  });
  if (token === undefined) return false;
  await services.tokens.set(token);
  services.log.info('API token saved to secret storage.');
  void services.messages.show('info', vscode.l10n.t('RunComfy API token saved.'));
  return true;
}
