/**
 * Every command id, declared once. `package.json` contributes the same ids; a test checks both ways.
 * Handlers: {@link generateImage}, {@link generateFromSelection}, {@link generateForAltText},
 * {@link generateMissingImages}, {@link editImage}, {@link insertPlaceholder}, {@link showJobs}, {@link setApiToken},
 * {@link clearApiToken}, {@link showLog}, {@link openStudio}, {@link upgradeDocumentPlaceholders},
 * {@link upgradeWorkspacePlaceholders}, {@link chooseModel}, {@link chooseEditModel}, {@link refreshModelCatalog}.
 */
export const COMMANDS = {
  generateImage: 'runcomfy.generateImage',
  generateFromSelection: 'runcomfy.generateFromSelection',
  generateForAltText: 'runcomfy.generateForAltText',
  generateMissingImages: 'runcomfy.generateMissingImages',
  editImage: 'runcomfy.editImage',
  insertPlaceholder: 'runcomfy.insertPlaceholder',
  showJobs: 'runcomfy.showJobs',
  setApiToken: 'runcomfy.setApiToken',
  clearApiToken: 'runcomfy.clearApiToken',
  showLog: 'runcomfy.showLog',
  openStudio: 'runcomfy.openStudio',
  upgradePlaceholders: 'runcomfy.upgradePlaceholders',
  upgradeWorkspacePlaceholders: 'runcomfy.upgradeWorkspacePlaceholders',
  chooseModel: 'runcomfy.chooseModel',
  chooseEditModel: 'runcomfy.chooseEditModel',
  refreshModelCatalog: 'runcomfy.refreshModelCatalog',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
