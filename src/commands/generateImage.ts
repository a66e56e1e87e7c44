import * as vscode from 'vscode';
import { placeholderSizeProblem } from '../core/placeholders/placeholderImage';
import { parseSizeAndPrompt } from '../core/images/size';
import { planSave } from '../editor/savePlanner';
import type { Services } from './services';

const LAST_PROMPT_KEY = 'runcomfy.lastPrompt';

/**
 * RunComfy: Generate Image…: asks for a prompt (prefilled with the selection, else the last prompt; an
 * optional leading size like `1536x864` overrides the default size), generates, saves, offers what next.
 */
export async function generateImage(services: Services, args?: unknown): Promise<string[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  const value = selected || services.context.workspaceState.get<string>(LAST_PROMPT_KEY, '');
  const given = promptArgument(args);
  if (given !== undefined && validatePromptInput(services, given)) {
    void services.messages.show('error', validatePromptInput(services, given)!);
    return undefined;
  }
  const raw = given ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Generate Image ({0})', await pricedAs(services)),
    prompt: vscode.l10n.t('Describe the image. Optionally start with a size, e.g. “1536x864 misty harbour at dawn” (default {0}×{1}).', services.settings.settings.width, services.settings.settings.height),
    value,
    ignoreFocusOut: true,
    validateInput: (text) => validatePromptInput(services, text),
  });
  if (raw === undefined) return undefined;
  const { prompt, width, height } = parseSizeAndPrompt(raw);
  await services.context.workspaceState.update(LAST_PROMPT_KEY, raw.trim());
  const save = await planSave(services.settings, prompt, editor?.document);
  if (!save) return undefined;
  const outcome = await services.generation.generate({ prompt, width, height, source: 'palette', save, notify: true });
  if (outcome?.job.phase === 'saved' && outcome.job.files[0]) {
    void services.generation.offerFileActions(outcome.job.files[0], prompt);
  }
  return outcome?.job.files;
}

/**
 * Commands take an optional `{ prompt }` argument (from keybindings, other extensions or tests) that
 * answers the prompt box.
 */
export function promptArgument(args: unknown): string | undefined {
  if (typeof args === 'string') return args;
  if (args && typeof args === 'object' && typeof (args as { prompt?: unknown }).prompt === 'string') return (args as { prompt: string }).prompt;
  return undefined;
}

/**
 * Shared with other prompt boxes: not empty, and for offline placeholders any size given must be one the
 * renderer draws. RunComfy models are not asked here: a size they do not take is fitted to the model (and
 * said so) when the job starts, and the rest of the body is checked against the model's schema then.
 */
export function validatePromptInput(services: Services, text: string): string | undefined {
  const { prompt, width, height } = parseSizeAndPrompt(text);
  if (prompt.trim().length === 0) return vscode.l10n.t('Describe the image you want.');
  if (width === undefined && height === undefined) return undefined;
  const { settings } = services.settings;
  return settings.provider === 'offline' ? placeholderSizeProblem(width ?? settings.width, height ?? settings.height) : undefined;
}

/** What the prompt box says a generation costs before anything is spent: `FLUX.2 Klein 9B · $0.012 per image`. */
export async function pricedAs(services: Services): Promise<string> {
  if (services.settings.settings.provider === 'offline') return vscode.l10n.t('offline placeholder · free');
  return services.generation.costs.priceLine(services.generation.spending.current().settings.model);
}
