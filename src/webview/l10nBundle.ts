/**
 * Configures `@vscode/l10n` in the Studio page with the translations the extension put on the page
 * (`data-l10n-bundle`, VS Code's bundle for the display language; absent in English). main.ts imports this
 * module first, so texts other modules build when they load are translated too.
 */
import * as l10n from '@vscode/l10n';

const bundle = document.body.dataset.l10nBundle;
if (bundle) l10n.config({ contents: bundle });
