import type * as vscode from 'vscode';
import { redact } from '../core/redact';
import type { Logger } from '../runcomfy/types';

/** The extension's logger: one `LogOutputChannel`, every line passed through the token redactor. */
export interface ExtensionLogger extends Logger {
  show(): void;
}

export function createLogger(channel: vscode.LogOutputChannel, knownSecrets: () => readonly (string | undefined)[]): ExtensionLogger {
  const clean = (message: string) => redact(message, knownSecrets());
  return {
    debug: (m) => channel.debug(clean(m)),
    info: (m) => channel.info(clean(m)),
    warn: (m) => channel.warn(clean(m)),
    error: (m) => channel.error(clean(m)),
    show: () => channel.show(true),
  };
}
