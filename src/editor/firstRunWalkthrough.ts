import * as vscode from 'vscode';
import { qualifiedWalkthroughId, shouldOpenWalkthrough } from '../core/walkthrough';
import type { Logger } from '../runcomfy/types';

/** Global-state key: set once the extension has opened its walkthrough in this profile. */
const SHOWN_KEY = 'runcomfy.walkthroughShown';

/**
 * Opens the getting-started walkthrough on the first activation of an installed copy (see
 * `core/walkthrough.ts` for when). The key is written first, so a failure to open never repeats at every start.
 */
export function openWalkthroughOnFirstRun(context: vscode.ExtensionContext, log: Logger): void {
  const open = shouldOpenWalkthrough({
    alreadyShown: context.globalState.get<boolean>(SHOWN_KEY) === true,
    installed: context.extensionMode === vscode.ExtensionMode.Production,
    openOnInstall: vscode.workspace.getConfiguration('workbench').get<boolean>('welcomePage.walkthroughs.openOnInstall', true),
  });
  if (!open) return;
  const id = qualifiedWalkthroughId(context.extension.packageJSON as { publisher: string; name: string });
  void context.globalState
    .update(SHOWN_KEY, true)
    .then(() => vscode.commands.executeCommand('workbench.action.openWalkthrough', id, false))
    .then(undefined, (error: unknown) => log.warn(`Could not open the getting-started walkthrough: ${String(error)}`));
}
