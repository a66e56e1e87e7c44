import * as vscode from 'vscode';
import type { Logger } from '../runcomfy/types';

export type MessageKind = 'info' | 'warning' | 'error';

/** A message as the user saw it; kept (the last few) so the jobs view and tests can tell what was said. */
export interface ShownMessage {
  kind: MessageKind;
  text: string;
  actions: string[];
  at: number;
  /** For questions: the answer, and whether the caller supplied it instead of the user (tests, keybindings). */
  answer?: { choice: string | undefined; byCaller: boolean };
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

  /**
   * A modal question (money is about to be spent). `preset` answers it without showing it, for callers that
   * run a command without a person; the question is still recorded and logged with the answer.
   */
  async ask(text: string, detail: string, actions: string[], preset?: string): Promise<string | undefined> {
    const entry: ShownMessage = { kind: 'warning', text, actions, at: Date.now() };
    this.shown.push(entry);
    if (this.shown.length > KEEP) this.shown.shift();
    const choice = preset !== undefined ? (actions.includes(preset) ? preset : undefined) : await this.showModal(text, detail, actions);
    entry.answer = { choice, byCaller: preset !== undefined };
    this.log.info(`Asked: ${text} [${actions.join(' | ')}] → ${choice ?? 'Cancel'}${preset !== undefined ? ' (answered by the caller)' : ''}`);
    return choice;
  }

  /** The dialog; one that cannot be shown (a host that refuses dialogs) is a no: nothing is spent unasked. */
  private async showModal(text: string, detail: string, actions: string[]): Promise<string | undefined> {
    try {
      return await vscode.window.showWarningMessage(text, { modal: true, detail }, ...actions);
    } catch (error) {
      this.log.warn(`Could not show the question "${text}" (${error instanceof Error ? error.message : String(error)}); taking it as Cancel.`);
      return undefined;
    }
  }
}
