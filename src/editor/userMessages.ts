import * as vscode from 'vscode';
import type { Logger } from '../runcomfy/types';

export type MessageKind = 'info' | 'warning' | 'error';

/** A message as the user saw it; kept (the last few) so the jobs view and tests can tell what was said. */
export interface ShownMessage {
  kind: MessageKind;
  text: string;
  actions: string[];
  at: number;
}

const KEEP = 50;

/**
 * Every notification the extension shows goes through here: it is written to the log as well (so "Show Log"
 * tells the whole story) and remembered briefly.
 */
export class UserMessages {
  private readonly shown: ShownMessage[] = [];

  constructor(private readonly log: Logger) {}

  get recent(): readonly ShownMessage[] {
    return this.shown;
  }

  show(kind: MessageKind, text: string, ...actions: string[]): Thenable<string | undefined> {
    this.shown.push({ kind, text, actions, at: Date.now() });
    if (this.shown.length > KEEP) this.shown.shift();
    (kind === 'error' ? this.log.error : kind === 'warning' ? this.log.warn : this.log.info)(`Shown: ${text}${actions.length ? ` [${actions.join(' | ')}]` : ''}`);
    const show = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show(text, ...actions);
  }
}
