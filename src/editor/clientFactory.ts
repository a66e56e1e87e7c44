import * as vscode from 'vscode';
import type * as clientModule from '../runcomfy/client';
import type { RunComfyHttpClient } from '../runcomfy/client';
import type { Logger } from '../runcomfy/types';
import type { SettingsReader } from './settingsReader';
import type { TokenStore } from './tokenStore';

const LEARNED_KEY = 'runcomfy.learnedDurations';

/** Raised when a RunComfy job is started with no token: the UI offers to set one or go offline. */
export class MissingTokenError extends Error {
  override name = 'MissingTokenError';
  constructor() {
    super(vscode.l10n.t('No RunComfy API token is set.'));
  }
}

/**
 * Builds the shared client from the current settings on first use (never at activation) and rebuilds it
 * when the base URL or proxy changes. The token is read per request, so setting it needs no rebuild.
 */
export class ClientFactory implements vscode.Disposable {
  private client: RunComfyHttpClient | undefined;
  private builtFor = '';
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly settings: SettingsReader,
    private readonly tokens: TokenStore,
    private readonly log: Logger,
    private readonly userAgent: string,
    /** Keeps what the client learned about job durations across sessions, so first polls land well. */
    private readonly memory: vscode.Memento,
  ) {
    this.subscription = settings.onDidChange(() => (this.builtFor = ''));
  }

  async get(): Promise<RunComfyHttpClient> {
    if (!(await this.tokens.get())) throw new MissingTokenError();
    const { baseUrl, maxDownloadMegabytes } = this.settings.settings;
    const proxy = this.settings.httpProxy;
    const key = `${baseUrl}|${proxy ?? ''}|${maxDownloadMegabytes}`;
    let client = this.client;
    if (!client || key !== this.builtFor) {
      client = loadClientModule().createRunComfyClient({
        baseUrl,
        getToken: () => this.tokens.get(),
        userAgent: this.userAgent,
        logger: this.log,
        proxy,
        maxDownloadBytes: maxDownloadMegabytes * 1024 * 1024,
        learnedDurations: this.memory.get<Record<string, number>>(LEARNED_KEY),
      });
      // The old client is not closed: jobs started with it finish with it (idle sockets time out).
      this.client = client;
      this.builtFor = key;
      this.log.info(`RunComfy client ready for ${baseUrl}${proxy ? ' via the http.proxy setting' : ''}`);
    }
    return client;
  }

  /** Saves the learned durations; called after each finished job. */
  async persistLearning(): Promise<void> {
    if (this.client) await this.memory.update(LEARNED_KEY, this.client.learnedDurations.snapshot());
  }

  dispose(): void {
    void this.client?.close();
    this.subscription.dispose();
  }
}

/**
 * The HTTP client (with undici and the response schemas) is loaded on first use, not at activation: it is
 * most of the extension's code. The bundler keeps it in its own file (see `esbuild.mjs`).
 */
function loadClientModule(): typeof clientModule {
  return require('../runcomfy/client') as typeof clientModule;
}
