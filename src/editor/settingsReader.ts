import * as vscode from 'vscode';
import { parseSettings, SETTING_KEYS, type Settings } from '../core/settings';
import type { Logger } from '../runcomfy/types';

/**
 * Reads `runcomfy.*` once, parsed with defaults, and again whenever the configuration changes. Bad values
 * fall back to their defaults with a line in the log.
 */
export class SettingsReader implements vscode.Disposable {
  /** Read on first use rather than at activation: parsing loads zod. */
  private current: Settings | undefined;
  private readonly emitter = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: Logger) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('runcomfy') && !e.affectsConfiguration('http.proxy')) return;
      this.current = this.read();
      this.emitter.fire(this.current);
    });
  }

  get settings(): Settings {
    return (this.current ??= this.read());
  }

  /** VS Code's own proxy setting, handed to the client (environment proxies apply otherwise). */
  get httpProxy(): string | undefined {
    return vscode.workspace.getConfiguration('http').get<string>('proxy') || undefined;
  }

  /** Logs a problem with a setting read elsewhere (e.g. a skipped `markdown.copyFiles.destination` rule). */
  warn(message: string): void {
    this.log.warn(message);
  }

  /** Resource-scoped read for settings that may differ per folder (the destination template). */
  forResource(uri: vscode.Uri | undefined): Settings {
    return uri ? this.read(uri) : this.settings;
  }

  private read(scope?: vscode.Uri): Settings {
    const config = vscode.workspace.getConfiguration('runcomfy', scope);
    const raw = Object.fromEntries(SETTING_KEYS.map((key) => [key, config.get(key)]));
    // The base URL is read only from user (global) settings: a workspace must never redirect the token.
    raw.baseUrl = config.inspect<string>('baseUrl')?.globalValue;
    // Likewise the spending threshold: a cloned workspace must not raise the point where the user is asked.
    raw.confirmCostAbove = config.inspect<number>('confirmCostAbove')?.globalValue;
    return parseSettings(raw, (message) => this.log.warn(message));
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
