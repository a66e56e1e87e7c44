import * as l10n from '@vscode/l10n';
import type { Services } from './services';

/** RunComfy: Clear API Token. */
export async function clearApiToken(services: Services): Promise<void> {
  await services.tokens.clear();
  services.log.info('API token removed from secret storage.');
  const stillSet = (await services.tokens.source()) === 'environment';
  void services.messages.show('info', 
    stillSet
      ? l10n.t('RunComfy API token removed from secret storage. RUNCOMFY_API_TOKEN is still set in the environment and will be used.')
      : l10n.t('RunComfy API token removed.'),
  );
}
