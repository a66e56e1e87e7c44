/**
 * The "Get Started with RunComfy Images" walkthrough (`contributes.walkthroughs` in package.json): its id
 * and when the extension opens it itself. VS Code opens an extension's walkthrough when the user installs it
 * from the Extensions view; an install by `code --install-extension`, a profile or settings sync does not, so
 * the first activation opens it once, remembered in global state.
 */

/** The walkthrough's id in package.json. */
export const WALKTHROUGH_ID = 'gettingStarted';

/** The id `workbench.action.openWalkthrough` takes: `publisher.name#walkthrough`. */
export function qualifiedWalkthroughId(manifest: { publisher: string; name: string }): string {
  return `${manifest.publisher}.${manifest.name}#${WALKTHROUGH_ID}`;
}

/** What decides whether the first activation opens the walkthrough. */
export interface FirstRunFacts {
  /** Whether this profile has already had the walkthrough opened by the extension. */
  alreadyShown: boolean;
  /**
   * False while the extension runs from a folder (development) or under test: there every start would be
   * a first start, and a walkthrough opening in the middle of a test would take the editor from it.
   */
  installed: boolean;
  /** VS Code's `workbench.welcomePage.walkthroughs.openOnInstall`: a user who turned it off is obeyed. */
  openOnInstall: boolean;
}

export function shouldOpenWalkthrough(facts: FirstRunFacts): boolean {
  return facts.installed && facts.openOnInstall && !facts.alreadyShown;
}
