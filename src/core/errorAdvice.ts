import {
  GenerationFailedError,
  InsufficientBalanceError,
  InvalidInputError,
  NetworkError,
  RateLimitedError,
  RequestExpiredError,
  RunComfyAuthError,
  ServerError,
  TimeoutError,
  UnknownModelError,
} from '../runcomfy/errors';
import * as l10n from '@vscode/l10n';
import { OutsideWorkspaceError } from './files/containment';

/** Buttons a message can offer; the editor maps each to a command. */
export type ErrorAction = 'setToken' | 'openSettings' | 'showLog' | 'retry' | 'showJobs' | 'openBilling';

export interface ErrorAdvice {
  message: string;
  actions: ErrorAction[];
}

/**
 * Turns any error from a job into one short sentence for the user and the buttons that help. Details
 * (status codes, request ids) go to the log, not into the message.
 */
export function adviseOnError(error: unknown): ErrorAdvice {
  if (error instanceof RunComfyAuthError) {
    return { message: l10n.t('RunComfy rejected the API token. Set a valid token (runcomfy.com → Profile → API Token).'), actions: ['setToken'] };
  }
  if (error instanceof InsufficientBalanceError) {
    return { message: l10n.t('Your RunComfy balance is too low for this generation. Top up, then retry.'), actions: ['openBilling', 'retry'] };
  }
  if (error instanceof UnknownModelError) {
    return { message: l10n.t('{0} Check the runcomfy.model setting.', error.message), actions: ['openSettings'] };
  }
  if (error instanceof InvalidInputError) {
    return { message: error.message, actions: ['openSettings'] };
  }
  if (error instanceof RequestExpiredError) {
    return { message: l10n.t('RunComfy no longer has this request (it expired). Generate it again.'), actions: ['retry'] };
  }
  if (error instanceof GenerationFailedError) {
    return { message: l10n.t('RunComfy could not generate the image: {0}', error.message), actions: ['retry', 'showLog'] };
  }
  if (error instanceof RateLimitedError) {
    return { message: l10n.t('RunComfy is limiting requests right now. Wait a moment and retry.'), actions: ['retry'] };
  }
  if (error instanceof TimeoutError) {
    return { message: l10n.t('Stopped waiting for the image. It may still finish: fetch it later from Show Generation Jobs.'), actions: ['showJobs'] };
  }
  if (error instanceof ServerError || error instanceof NetworkError) {
    return { message: error.message, actions: ['retry', 'showLog'] };
  }
  if (error instanceof OutsideWorkspaceError) {
    return { message: error.message, actions: ['openSettings'] };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: l10n.t('Image generation failed: {0}', text), actions: ['showLog'] };
}
