// First: configures @vscode/l10n before any module builds a message (see the module).
import './editor/l10nBundle';
import * as vscode from 'vscode';
import { GENERATE_IMAGE_TOOL, GenerateImageTool } from './chat/generateImageTool';
import { chooseModel } from './commands/chooseModel';
import { chooseEditModel, type ChooseEditModelOptions } from './commands/chooseEditModel';
import { clearApiToken } from './commands/clearApiToken';
import { editImage, type EditImageOptions } from './commands/editImage';
import { generateForAltText, type AltTextOptions } from './commands/generateForAltText';
import { generateFromSelection } from './commands/generateFromSelection';
import { generateImage } from './commands/generateImage';
import { generateMissingImages, type MissingImagesOptions } from './commands/generateMissingImages';
import { COMMANDS } from './core/commandIds';
import { insertPlaceholder } from './commands/insertPlaceholder';
import { openStudio } from './commands/openStudio';
import { refreshModelCatalog } from './commands/refreshModelCatalog';
import type { Services } from './commands/services';
import { setApiToken } from './commands/setApiToken';
import { showJobs } from './commands/showJobs';
import { showLog } from './commands/showLog';
import { upgradeDocumentPlaceholders, upgradeWorkspacePlaceholders, type UpgradeOptions } from './commands/upgradePlaceholders';
import { JobRunner } from './core/jobs/jobRunner';
import { JobTracker } from './core/jobs/jobTracker';
import { modelLabel } from './core/models/modelLabel';
import { renderPlaceholder } from './core/placeholders/placeholderImage';
import { ClientFactory } from './editor/clientFactory';
import { CostGuard } from './editor/costGuard';
import { openWalkthroughOnFirstRun } from './editor/firstRunWalkthrough';
import { DocumentLinkIndexes } from './editor/documentLinkIndexes';
import { GenerationService } from './editor/generationService';
import { trackCursorOnImage } from './editor/imageContextKey';
import { IMAGE_HOVER_LANGUAGES, ImageHoverProvider } from './editor/imageHover';
import { createLogger } from './editor/logger';
import { ModelCatalog } from './editor/modelCatalog';
import { MissingImagesCodeLens } from './editor/missingImagesCodeLens';
import { ModelPrices } from './editor/modelPrices';
import { PLACEHOLDER_LENS_LANGUAGES, PlaceholderCodeLens } from './editor/placeholderCodeLens';
import { SettingsReader } from './editor/settingsReader';
import { JobStatusBar } from './editor/statusBar';
import { TokenStore } from './editor/tokenStore';
import { UnsentJobsQuestion } from './editor/unsentJobsQuestion';
import { UserMessages } from './editor/userMessages';
import { WorkspaceSettingsConsent } from './editor/workspaceSettingsConsent';
import { Studio } from './studio/studio';

/** What `activate` returns: the services, for the integration tests to observe. */
export type RunComfyImagesApi = Services;

let runner: JobRunner | undefined;

/**
 * Composition root: builds the services and registers the commands. Nothing here touches the network or
 * scans the disk; the client is built on first use.
 */
export function activate(context: vscode.ExtensionContext): RunComfyImagesApi {
  const channel = vscode.window.createOutputChannel(vscode.l10n.t('RunComfy Images'), { log: true });
  const secrets = new TokenStore(context.secrets);
  const log = createLogger(channel, () => [secrets.peek()]);
  const settings = new SettingsReader(log);
  const version = String(context.extension.packageJSON.version ?? '0');
  const clients = new ClientFactory(settings, secrets, log, `runcomfy-images-vscode/${version} (${vscode.env.appName} ${vscode.version})`, context.globalState);
  const catalog = new ModelCatalog({ memento: context.globalState, getClient: () => clients.get(), tokens: secrets, log });
  const tracker = new JobTracker(context.workspaceState);
  runner = new JobRunner({
    tracker,
    getClient: () => clients.get(),
    renderPlaceholder,
    settings: () => settings.settings,
    log,
  });
  const messages = new UserMessages(log);
  const spending = new WorkspaceSettingsConsent(context.workspaceState, settings, messages, log);
  const costs = new CostGuard(new ModelPrices(() => clients.get(), log, (id) => catalog.model(id)), settings, messages, log);
  const generation = new GenerationService(runner, tracker, settings, secrets, log, messages, spending, catalog, costs);
  const unsentJobs = new UnsentJobsQuestion(runner, tracker, generation, messages, log);
  const statusBar = new JobStatusBar(tracker, (id) => modelLabel(id, { displayName: catalog.knownName(id) }));
  const studio = new Studio({ context, tracker, generation, settings, tokens: secrets, log, catalog });
  context.subscriptions.push(tracker.onDidChange((job) => job.phase === 'saved' && job.provider === 'runcomfy' && void clients.persistLearning()));
  context.subscriptions.push(channel, secrets, settings, clients, catalog, statusBar, studio);

  const services: Services = { context, log, settings, tokens: secrets, tracker, runner, generation, statusBar, messages, studio, unsentJobs, catalog };
  const handlers: Record<keyof typeof COMMANDS, (...args: unknown[]) => unknown> = {
    generateImage: (args) => generateImage(services, args),
    generateFromSelection: (args) => generateFromSelection(services, args),
    generateForAltText: (uri, offset, options) => generateForAltText(services, uri, offset, options as AltTextOptions | undefined),
    generateMissingImages: (uri, options) => generateMissingImages(services, uri, options as MissingImagesOptions | undefined),
    editImage: (uri, selected, options) => editImage(services, uri, selected, options as EditImageOptions | undefined),
    insertPlaceholder: (args) => insertPlaceholder(services, args),
    showJobs: () => showJobs(services),
    setApiToken: () => setApiToken(services),
    clearApiToken: () => clearApiToken(services),
    showLog: () => showLog(services),
    openStudio: () => openStudio(services),
    upgradePlaceholders: (uri, options) => upgradeDocumentPlaceholders(services, uri, options as UpgradeOptions | undefined),
    upgradeWorkspacePlaceholders: (options) => upgradeWorkspacePlaceholders(services, options as UpgradeOptions | undefined),
    chooseModel: () => chooseModel(services),
    chooseEditModel: (options) => chooseEditModel(services, options as ChooseEditModelOptions | undefined),
    refreshModelCatalog: () => refreshModelCatalog(services),
  };
  for (const [key, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(COMMANDS[key as keyof typeof COMMANDS], handler));
  }

  const linkIndexes = new DocumentLinkIndexes();
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((document) => linkIndexes.forget(document)));
  const codeLens = new MissingImagesCodeLens(settings, linkIndexes);
  context.subscriptions.push(codeLens, vscode.languages.registerCodeLensProvider({ language: 'markdown', scheme: 'file' }, codeLens), trackCursorOnImage(linkIndexes));

  const placeholderLens = new PlaceholderCodeLens(settings);
  const placeholderSelector = PLACEHOLDER_LENS_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
  context.subscriptions.push(placeholderLens, vscode.languages.registerCodeLensProvider(placeholderSelector, placeholderLens));

  const hoverSelector = IMAGE_HOVER_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
  context.subscriptions.push(vscode.languages.registerHoverProvider(hoverSelector, new ImageHoverProvider(linkIndexes)));

  context.subscriptions.push(vscode.lm.registerTool(GENERATE_IMAGE_TOOL, new GenerateImageTool(services)));

  // Temporary files a crash left beside finished jobs' targets; unfinished jobs sweep their own before saving.
  void runner.sweepTemporaries().catch((error: unknown) => log.warn(`Could not sweep temporary files: ${String(error)}`));
  // Jobs a reload interrupted: still save their files (a paid result is never lost).
  for (const outcome of runner.resumeUnfinished()) void outcome.then((o) => generation.afterOutcome(o));
  // Jobs that never reached RunComfy are not paid yet: they wait for the user's answer.
  unsentJobs.ask();
  openWalkthroughOnFirstRun(context, log);
  return services;
}

export function deactivate(): void {
  // Stop polling without marking jobs cancelled: the next activation resumes them.
  runner?.detachAll();
  runner = undefined;
}
