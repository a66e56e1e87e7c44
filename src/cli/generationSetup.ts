/**
 * What `generate` and `fill` share before any job starts: the project and its settings, the provider
 * (RunComfy, or the offline placeholder renderer with `--offline`), the request body built from the model's
 * schema (the size fitted or mapped to what the model takes, with a note) and checked before anything is
 * sent, and a session whose client is built on first use and closed at the end.
 */
import { PLACEHOLDER_MAX_SIDE, PLACEHOLDER_MIN_SIDE } from '../core/placeholders/placeholderImage';
import type { RunComfyHttpClient } from '../runcomfy';
import { isValidModelId } from '../runcomfy/origin';
import type { CatalogModel, ModelInput } from '../runcomfy/types';
import { integerOption, timeoutOption } from './args';
import type { CliContext } from './command';
import { createCliClient, loadProject, readApiConfig, requireToken, type Project } from './environment';
import { UsageError } from './exitCodes';
import { CliSession } from './cliSession';
import { bodyBuilder, readInputValues, resolveModel } from './modelInputs';

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
  /** `generate` only: `--input key=value` and `--input-file` (see `inputOptions`). */
  input?: string[];
  'input-file'?: string;
}

export interface GenerationSetup {
  project: Project;
  provider: 'runcomfy' | 'offline';
  model: string;
  /** The request body for a prompt (RunComfy: built from the model's schema and checked; offline: prompt and size). */
  inputFor(prompt: string): ModelInput;
  /** The same for another size (mapped to what the model takes), for batches whose images differ in size (`upgrade`). */
  inputAt(prompt: string, size: { width: number; height: number }): ModelInput;
  session: CliSession;
  /** The run's client, built on first use (also for reading the model's price). */
  getClient(): Promise<RunComfyHttpClient>;
  /** Whether RunComfy can be asked for the model's price (a paid provider and a token). */
  canReadPrices: boolean;
  /** The model's catalog entry if setting up read it from RunComfy just now (its price is current). */
  modelEntry?: CatalogModel;
  close(): Promise<void>;
}

/** `sendsNothing`: a dry run, which needs no token. `startPaths`: the paths the project root is found from. */
export async function prepareGeneration(values: GenerationValues, context: CliContext, sendsNothing = false, startPaths: readonly string[] = []): Promise<GenerationSetup> {
  const { output } = context;
  // Usage errors first: a typo should say so even where the token is missing.
  const sizes = {
    width: integerOption(values.width, 'width', PLACEHOLDER_MIN_SIDE, PLACEHOLDER_MAX_SIDE),
    height: integerOption(values.height, 'height', PLACEHOLDER_MIN_SIDE, PLACEHOLDER_MAX_SIDE),
    steps: integerOption(values.steps, 'steps', 1, 1000),
  };
  const concurrency = integerOption(values.concurrency, 'concurrency', 1, 16);
  const timeoutMs = timeoutOption(values.timeout);
  if (values.model !== undefined && !isValidModelId(values.model.trim())) {
    throw new UsageError(`--model must be a RunComfy model id like owner/family/variant (segments of letters, digits, _ . -; no "." or ".." segment), got "${values.model}".`);
  }
  const api = readApiConfig(context.env);
  const project = await loadProject(context.cwd, values.root, (message) => output.warn(message), startPaths);
  const { settings } = project;
  const provider = values.offline ? 'offline' : 'runcomfy';
  if (provider === 'runcomfy' && !sendsNothing) requireToken(api, true);
  const model = values.model?.trim() || settings.model;
  const width = sizes.width ?? settings.width;
  const height = sizes.height ?? settings.height;
  const steps = sizes.steps ?? settings.steps;
  let client: RunComfyHttpClient | undefined;
  const getClient = async () => (client ??= createCliClient(api, settings, context.version));
  let modelEntry: CatalogModel | undefined;
  // The offline renderer draws exactly the asked size; a dry run shows the asked size and sends nothing.
  let inputAt = (prompt: string, size: { width: number; height: number }): ModelInput =>
    provider === 'offline' || sendsNothing ? { prompt, ...size } : { prompt };
  if (provider === 'runcomfy') {
    // A cloned project's settings can change what a run costs: say what is used and why.
    const origin = (key: 'model' | 'extraInputs') => (project.fromFile.has(key) ? 'from .vscode/settings.json' : 'the default');
    output.info(`Model: ${model} (${values.model?.trim() ? 'from --model' : origin('model')})`);
    if (Object.keys(settings.extraInputs).length > 0) output.info(`Extra inputs: ${JSON.stringify(settings.extraInputs)} (${origin('extraInputs')})`);
  }
  if (provider === 'runcomfy' && !sendsNothing) {
    // The body the model's own schema asks for (size mapped, --input typed), checked before anything is paid for.
    try {
      const resolved = await resolveModel(model, getClient);
      modelEntry = resolved.entry;
      const inputValues = readInputValues(values.input, values['input-file'], resolved.inputs, context.cwd);
      // One builder per size, so each size's note ("using 688×512") is said once.
      const builders = new Map<string, (prompt: string) => ModelInput>();
      inputAt = (prompt, size) => {
        const key = `${size.width}x${size.height}`;
        let build = builders.get(key);
        if (!build) builders.set(key, (build = bodyBuilder({ model, resolved, settings, size, steps, values: inputValues }, output)));
        return build(prompt);
      };
      inputAt('size check', { width, height });
    } catch (error) {
      await client?.close();
      throw error;
    }
  }

  const session = new CliSession({
    output,
    settings,
    concurrency,
    timeoutMs,
    onInterrupt: 'cancel',
    getClient,
  });
  const inputFor = (prompt: string) => inputAt(prompt, { width, height });
  const canReadPrices = provider === 'runcomfy' && api.token !== undefined;
  return { project, provider, model, inputFor, inputAt, session, getClient, canReadPrices, modelEntry, close: async () => client?.close() };
}
