import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { spendingOf, spendingText } from '../core/cost/spending';
import { isActive, type JobRecord } from '../core/jobs/jobRecord';
import { truncate } from '../core/jobs/statusSummary';
import type { JobTracker } from '../core/jobs/jobTracker';
import type { GenerationService } from '../editor/generationService';
import type { SettingsReader } from '../editor/settingsReader';
import type { TokenStore } from '../editor/tokenStore';
import type { Logger } from '../runcomfy/types';
import { dispatchStudioMessage } from './dispatcher';
import { keepValues } from './formValues';
import { buildGallery, buildLiveJobs, type GalleryView } from './galleryModel';
import type { LastEditor } from './lastEditor';
import {
  parseWebviewMessage,
  webviewMessageSchema,
  type FormValues,
  type GenerateMessage,
  type HostMessage,
  type StudioConfig,
  type WebviewMessageSchema,
} from './protocol';
import { StudioActions, StudioError } from './studioActions';
import { StudioReferences } from './studioReferences';
import type { StudioCatalog } from './studioCatalog';
import { loadStudioRuntime } from './studioRuntimeLoader';
import { loadModelRuntime } from '../editor/modelRuntimeLoader';
import type { ModelInputSchema } from '../runcomfy/inputSchema';
import type { CatalogModel } from '../runcomfy/catalog';
import { buildStudioHtml, createNonce } from './studioHtml';
import type { VariantStaging } from './variantStaging';

/** What the panel needs from the rest of the extension. */
export interface StudioPanelDeps {
  extensionUri: vscode.Uri;
  tracker: JobTracker;
  generation: GenerationService;
  settings: SettingsReader;
  tokens: TokenStore;
  log: Logger;
  catalog: StudioCatalog;
  staging: VariantStaging;
  editors: LastEditor;
  /** Workspace state, for the last form sent. */
  state: vscode.Memento;
}

const LAST_FORM_KEY = 'runcomfy.studio.lastForm';

/** Built on the first message: zod loads then, not at activation. */
let messageSchema: WebviewMessageSchema | undefined;

/** Coalesces bursts of job updates (queue chatter) into one message. */
const UPDATE_DELAY_MS = 60;

/**
 * The Image Studio: one panel at a time (`createOrShow`), restored after a reload by the serializer
 * (`revive`). It renders the HTML shell, validates every message from the webview and keeps the webview's
 * jobs and gallery in step with the job history.
 */
export class StudioPanel implements vscode.Disposable {
  static readonly viewType = 'runcomfy.studio';
  static current: StudioPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private readonly actions: StudioActions;
  private readonly postEmitter = new vscode.EventEmitter<HostMessage>();
  /** Every message posted to the webview, for tests to observe. */
  readonly onDidPost = this.postEmitter.event;
  private webviewReady = false;
  private jobsTimer: NodeJS.Timeout | undefined;
  private galleryTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  static createOrShow(deps: StudioPanelDeps): StudioPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (StudioPanel.current) {
      StudioPanel.current.panel.reveal(StudioPanel.current.panel.viewColumn ?? column);
      return StudioPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(StudioPanel.viewType, vscode.l10n.t('Image Studio'), column, webviewOptions(deps));
    StudioPanel.current = new StudioPanel(panel, deps);
    return StudioPanel.current;
  }

  /** After a reload: VS Code hands back the panel (the webview restores its own form state). */
  static revive(panel: vscode.WebviewPanel, deps: StudioPanelDeps): StudioPanel {
    StudioPanel.current?.dispose();
    panel.webview.options = webviewOptions(deps);
    StudioPanel.current = new StudioPanel(panel, deps);
    return StudioPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: StudioPanelDeps,
  ) {
    this.actions = new StudioActions({
      tracker: deps.tracker,
      generation: deps.generation,
      settings: deps.settings,
      log: deps.log,
      staging: deps.staging,
      editors: deps.editors,
      references: new StudioReferences({
        tracker: deps.tracker,
        config: () => this.config(),
        inputSchema: (model) => this.inputSchema(model),
        toWebviewUri: (file) => panel.webview.asWebviewUri(vscode.Uri.file(file)).toString(),
        added: (model, items) => void this.post({ type: 'referencesAdded', model, items }),
        notice: (message, level = 'info') => void this.post({ type: 'notice', message, level }),
      }),
      config: () => this.config(),
      inputSchema: (model) => this.inputSchema(model),
      planJobs: (...args) => loadStudioRuntime().planStudioJobs(...args),
      chooseModel: (model) => this.chooseModel(model),
      rememberForm: (message) => deps.state.update(LAST_FORM_KEY, rememberedForm(deps.state.get<FormValues>(LAST_FORM_KEY), message)),
      sendInit: () => this.sendInit(),
      refreshGallery: () => this.scheduleGallery(),
      notice: (message, level = 'info') => void this.post({ type: 'notice', message, level }),
      sendEstimate: (estimate) => void this.post({ type: 'estimate', ...estimate }),
      formError: (field, message) => void this.post({ type: 'formError', field, message }),
    });
    panel.iconPath = {
      light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'studio-icon-light.svg'),
      dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'studio-icon-dark.svg'),
    };
    panel.webview.html = this.html();
    this.disposables.push(
      this.postEmitter,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // Files may have changed while the panel was in the background.
        if (webviewPanel.visible) this.scheduleGallery();
      }),
      deps.tracker.onDidChange((job) => {
        this.scheduleJobs();
        if (!isActive(job.phase)) this.scheduleGallery();
        // A cancelled job just leaves the live list; say why, in the notice (a live region screen readers read).
        // The tracker reports a removed entry as cancelled too; only a job still recorded was really cancelled.
        const ended = job.source === 'studio' && deps.tracker.get(job.id) ? cancelNotice(job) : undefined;
        if (ended) void this.post({ type: 'notice', message: ended, level: 'info' });
      }),
      deps.settings.onDidChange(() => void this.sendConfig()),
      deps.tokens.onDidChange(() => void this.sendConfig()),
      deps.editors.onDidChange(() => void this.sendConfig()),
      ...(deps.catalog.onDidChange ? [deps.catalog.onDidChange(() => void this.sendConfig())] : []),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        panel.webview.options = webviewOptions(deps);
        this.scheduleGallery();
      }),
    );
    void this.sweepStaging();
  }

  /** Handles one message from the webview: validated first, refused (and logged) when malformed. */
  async receive(raw: unknown): Promise<void> {
    messageSchema ??= webviewMessageSchema(require('zod') as typeof import('zod'));
    const parsed = parseWebviewMessage(messageSchema, raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Studio: ignored an invalid message from the webview (${parsed.reason}).`);
      return;
    }
    try {
      await dispatchStudioMessage(parsed.message, this.actions);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof StudioError)) this.deps.log.error(`Studio: ${parsed.message.type} failed: ${message}`);
      void this.post({ type: 'notice', message, level: 'error' });
    }
  }

  post(message: HostMessage): Thenable<boolean> {
    this.postEmitter.fire(message);
    if (this.disposed || (!this.webviewReady && message.type !== 'init')) return Promise.resolve(false);
    return this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (StudioPanel.current === this) StudioPanel.current = undefined;
    clearTimeout(this.jobsTimer);
    clearTimeout(this.galleryTimer);
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', ...parts)).toString();
    return buildStudioHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: media('studio.js'),
      styleUri: media('studio.css'),
      codiconsUri: media('codicons', 'codicon.css'),
      l10nBundle: vscode.l10n.bundle ? JSON.stringify(vscode.l10n.bundle) : undefined,
    });
  }

  private async sendInit(): Promise<void> {
    // The webview (re)loaded, e.g. after being hidden: it gets everything again.
    this.webviewReady = true;
    const [config, gallery] = await Promise.all([this.config(), this.gallery()]);
    const lastForm = this.deps.state.get<FormValues>(LAST_FORM_KEY);
    await this.post({ type: 'init', config, live: this.live(), ...gallery, ...(lastForm ? { lastForm } : {}) });
  }

  private async sendConfig(): Promise<void> {
    await this.post({ type: 'config', config: await this.config() });
  }

  private async config(): Promise<StudioConfig> {
    const document = this.deps.editors.document();
    const target = document ? vscode.workspace.asRelativePath(document.uri, false) : undefined;
    const settings = this.deps.settings.settings;
    const [hasToken, models, schema] = await Promise.all([this.deps.tokens.get().then(Boolean), this.models(), this.inputSchema(settings.model)]);
    return loadStudioRuntime().buildStudioConfig({ settings, hasToken, insertTarget: target, models, schema });
  }

  /** The catalog's models; the embedded snapshot when the catalog cannot answer (logged, never fatal). */
  private models(): Promise<CatalogModel[]> {
    return this.deps.catalog.models().catch((error: unknown) => {
      this.deps.log.warn(`Studio: the model catalog could not be read (${String(error)}); showing the built-in models.`);
      return loadModelRuntime().snapshotModels();
    });
  }

  private inputSchema(model: string): Promise<ModelInputSchema> {
    return this.deps.catalog.inputSchema(model).catch((error: unknown) => {
      this.deps.log.warn(`Studio: the inputs of ${model} could not be read (${String(error)}); using the built-in schema if there is one.`);
      const runtime = loadModelRuntime();
      return runtime.snapshotInputSchema(model) ?? runtime.normaliseInputSchema(undefined);
    });
  }

  /**
   * The picker writes `runcomfy.model` to user settings, like "RunComfy: Choose Model…": the model the
   * Studio shows is the one every command uses. The settings change then re-renders the form.
   */
  private async chooseModel(model: string): Promise<void> {
    const configuration = vscode.workspace.getConfiguration('runcomfy');
    await configuration.update('model', model, vscode.ConfigurationTarget.Global);
    const workspaceValue = configuration.inspect<string>('model')?.workspaceValue;
    if (workspaceValue !== undefined && workspaceValue !== model) {
      void this.post({
        type: 'notice',
        level: 'info',
        message: vscode.l10n.t('Saved {0} in your user settings, but this workspace sets runcomfy.model to {1}, which applies here.', model, workspaceValue),
      });
      await this.sendConfig();
    }
  }

  private live() {
    return buildLiveJobs(this.deps.tracker.list(), this.deps.staging.root, Date.now());
  }

  /** The gallery, and what this workspace spent (from the same history: refreshed whenever a job ends). */
  private async gallery(): Promise<GalleryView & { spending: string }> {
    const jobs = this.deps.tracker.list();
    // An edit's first reference is the "before" of its Compare view.
    const files = jobs.flatMap((job) => (job.phase === 'saved' ? [...job.files, ...(job.references?.paths.slice(0, 1) ?? [])] : []));
    const present = new Set<string>();
    await Promise.all(files.map((file) => fs.access(file).then(() => present.add(file), () => undefined)));
    const webview = this.panel.webview;
    const view = buildGallery(jobs, {
      stagingRoot: this.deps.staging.root,
      roots: imageRoots(this.deps),
      toWebviewUri: (file) => webview.asWebviewUri(vscode.Uri.file(file)).toString(),
      exists: (file) => present.has(file),
      displayPath: (file) => (this.deps.staging.contains(file) ? path.basename(file) : vscode.workspace.asRelativePath(file)),
    });
    return { ...view, spending: spendingText(spendingOf(jobs, new Date())) };
  }

  private scheduleJobs(): void {
    this.jobsTimer ??= setTimeout(() => {
      this.jobsTimer = undefined;
      void this.post({ type: 'jobs', live: this.live() });
    }, UPDATE_DELAY_MS);
  }

  private scheduleGallery(): void {
    this.galleryTimer ??= setTimeout(() => {
      this.galleryTimer = undefined;
      void this.gallery().then((view) => this.post({ type: 'gallery', ...view }));
    }, UPDATE_DELAY_MS);
  }

  /** Staged variants older than a week go, with their history entries (swept when the Studio opens). */
  private async sweepStaging(): Promise<void> {
    try {
      const removed = await this.deps.staging.sweep();
      if (removed.length === 0) return;
      const gone = (file: string) => removed.some((folder) => file.startsWith(folder + path.sep));
      for (const job of this.deps.tracker.list()) {
        if (!job.files.some(gone)) continue;
        const files = job.files.filter((f) => !gone(f));
        if (files.length === 0) await this.deps.tracker.remove(job.id);
        else await this.deps.tracker.update(job.id, { files });
      }
      this.deps.log.info(`Studio: removed ${removed.length} staged variant batch(es) older than a week.`);
    } catch (error) {
      this.deps.log.warn(`Studio: could not clean up staged variants: ${String(error)}`);
    }
  }
}

/** The last Generate's form: its model's values kept beside the other models' (most recent first). */
function rememberedForm(previous: FormValues | undefined, message: GenerateMessage): FormValues {
  const byModel = previous && typeof previous.byModel === 'object' && previous.byModel !== null ? previous.byModel : {};
  return { prompt: message.prompt, variants: message.variants, offline: message.offline, byModel: keepValues(byModel, message.model, message.values) };
}

/** Folders whose images the gallery shows: the workspace folders and the staging folder. */
function imageRoots(deps: StudioPanelDeps): string[] {
  return [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath), deps.staging.root];
}

function webviewOptions(deps: StudioPanelDeps): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'media'), ...imageRoots(deps).map((f) => vscode.Uri.file(f))],
  };
}

/** What the Studio says when one of its jobs was cancelled (or its late result discarded); nothing otherwise. */
function cancelNotice(job: JobRecord): string | undefined {
  if (job.phase !== 'cancelled') return undefined;
  const what = `“${truncate(job.prompt, 60)}”`;
  return job.error?.kind === 'discarded' ? vscode.l10n.t('Discarded the result of {0}; nothing was saved.', what) : vscode.l10n.t('Cancelled {0}; nothing was saved.', what);
}
