/**
 * What `generate` and `fill` share before any job starts: the project and its settings, the provider
 * (RunComfy, or the offline placeholder renderer with `--offline`), the model input checked against the
 * model's ranges, and a session whose client is built on first use and closed at the end.
 */
import { buildModelInput } from '../core/modelInput';
import { PLACEHOLDER_MAX_SIDE, PLACEHOLDER_MIN_SIDE } from '../core/placeholder';
import { prepareModelInput, type RunComfyHttpClient } from '../runcomfy';
import type { ModelInput } from '../runcomfy/types';
import { integerOption, timeoutOption } from './args';
import type { CliContext } from './command';
import { createCliClient, loadProject, readApiConfig, requireToken, type Project } from './environment';
import { UsageError } from './exitCodes';
import { CliSession } from './cliSession';

/** The parsed options both commands accept (see `generationOptions` and `jobOptions` in args.ts). */
export interface GenerationValues {
  width?: string;
  height?: string;
  steps?: string;
  model?: string;
  offline?: boolean;
  concurrency?: string;
  timeout?: string;
  root?: string;
}

export interface GenerationSetup {
  project: Project;
  provider: 'runcomfy' | 'offline';
  model: string;
  /** The request body for a prompt: settings' extra inputs, then prompt, size and steps. */
  inputFor(prompt: string): ModelInput;
  session: CliSession;
  close(): Promise<void>;
}

/** `sendsNothing`: a dry run, which needs no token. */
export async function prepareGeneration(values: GenerationValues, context: CliContext, sendsNothing = false): Promise<GenerationSetup> {
  const { output } = context;
  // Usage errors first: a typo should say so even where the token is missing.
  const sizes = {
    width: integerOption(values.width, 'width', PLACEHOLDER_MIN_SIDE, PLACEHOLDER_MAX_SIDE),
    height: integerOption(values.height, 'height', PLACEHOLDER_MIN_SIDE, PLACEHOLDER_MAX_SIDE),
    steps: integerOption(values.steps, 'steps', 1, 1000),
  };
  const concurrency = integerOption(values.concurrency, 'concurrency', 1, 16);
  const timeoutMs = timeoutOption(values.timeout);
  if (values.model !== undefined && !/^[^/\s]+(\/[^/\s]+)+$/.test(values.model.trim())) {
    throw new UsageError(`--model must be a RunComfy model id like owner/family/variant, got "${values.model}".`);
  }
  const api = readApiConfig(context.env);
  const project = await loadProject(context.cwd, values.root, (message) => output.warn(message));
  const { settings } = project;
  const provider = values.offline ? 'offline' : 'runcomfy';
  if (provider === 'runcomfy' && !sendsNothing) requireToken(api, true);
  const model = values.model?.trim() || settings.model;
  const width = sizes.width ?? settings.width;
  const height = sizes.height ?? settings.height;
  const steps = sizes.steps ?? settings.steps;
  const inputFor = (prompt: string) => buildModelInput(model, settings.extraInputs, { prompt, width, height, steps });
  if (provider === 'runcomfy') {
    // The model's own ranges (Klein 9B: 512–1536), before anything is sent or paid for.
    prepareModelInput(model, inputFor('size check'));
    // A cloned project's settings can change what a run costs: say what is used and why.
    const origin = (key: 'model' | 'extraInputs') => (project.fromFile.has(key) ? 'from .vscode/settings.json' : 'the default');
    output.info(`Model: ${model} (${values.model?.trim() ? 'from --model' : origin('model')})`);
    if (Object.keys(settings.extraInputs).length > 0) output.info(`Extra inputs: ${JSON.stringify(settings.extraInputs)} (${origin('extraInputs')})`);
  }

  let client: RunComfyHttpClient | undefined;
  const session = new CliSession({
    output,
    settings,
    concurrency,
    timeoutMs,
    onInterrupt: 'cancel',
    getClient: async () => (client ??= createCliClient(api, settings, context.version)),
  });
  return { project, provider, model, inputFor, session, close: async () => client?.close() };
}
