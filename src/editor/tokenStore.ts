import * as vscode from 'vscode';

const SECRET_KEY = 'runcomfy.apiToken';

/**
 * The API token lives in VS Code's SecretStorage; `RUNCOMFY_API_TOKEN` from the environment is the
 * fallback (handy for remote machines and CI). It is kept in memory only to redact it from logs.
 */
export class TokenStore implements vscode.Disposable {
  private cached: string | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key !== SECRET_KEY) return;
      this.cached = undefined;
      this.emitter.fire();
    });
  }

  async get(): Promise<string | undefined> {
    this.cached ??= (await this.secrets.get(SECRET_KEY))?.trim() || environmentToken();
    return this.cached;
  }

  /** For the log redactor: the token if it has been read, never a reason to read it. */
  peek(): string | undefined {
    return this.cached ?? environmentToken();
  }

  async set(token: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, token.trim());
    this.cached = token.trim();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.cached = undefined;
  }

  /** Where the token comes from, for messages ("the environment variable is still set"). */
  async source(): Promise<'secretStorage' | 'environment' | 'none'> {
    if (await this.secrets.get(SECRET_KEY)) return 'secretStorage';
    return environmentToken() ? 'environment' : 'none';
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Trimmed, as it is sent: a `\r` from a Windows-edited env file must not make the redactor miss the token. */
function environmentToken(): string | undefined {
  return process.env.RUNCOMFY_API_TOKEN?.trim() || undefined;
}
