/**
 * The Image Studio's messages, both ways. Messages *from* the webview are untrusted input: the host parses
 * every one with {@link parseWebviewMessage} before acting on it. The webview imports only the *types* from
 * here (`import type`), so zod never reaches its bundle.
 *
 * Files are always named by job id and file index, never by path: a webview cannot make the host open,
 * copy or delete a file that is not in the job history.
 */
import type { z } from 'zod';
import type { FormControl, SizePreset } from './formControls';
import type { ModelValues } from './formValues';
import type { ReferenceItem } from './referenceList';

/** Sizes any provider can render (the offline renderer's limits); the model's own ranges are checked too. */
export const SIZE_LIMITS = { min: 16, max: 4096 } as const;
export const MAX_VARIANTS = 4;
export const MAX_PROMPT_LENGTH = 4000;
/** Bounds on the form's values: far above any real schema, low enough that a hostile page cannot flood the host. */
export const MAX_FORM_FIELDS = 100;
export const MAX_FIELD_NAME_LENGTH = 100;
export const MAX_FIELD_VALUE_LENGTH = 100_000;
export const MAX_MODEL_ID_LENGTH = 200;
/** Reference images one message may name: above any model's `maxItems` (RunComfy's own nodes stop at 16). */
export const MAX_REFERENCE_PATHS = 64;
export const MAX_REFERENCE_PATH_LENGTH = 1024;

type Zod = typeof z;

/**
 * The schema of every message the webview may send: a discriminated union on `type`, strict objects (an
 * unknown field is refused). zod is passed in rather than imported, so that neither the webview bundle nor
 * the extension's activation bundle loads it: the host requires it on the first message.
 */
export function webviewMessageSchema(z: Zod) {
  const jobId = z.string().min(1).max(128);
  const fileIndex = z.int().min(0).max(63);
  const modelId = z.string().trim().min(1).max(MAX_MODEL_ID_LENGTH);
  /** Each control's value as typed (text, or a checkbox's state); the host turns them into inputs itself. */
  const values = z
    .record(z.string().min(1).max(MAX_FIELD_NAME_LENGTH), z.union([z.string().max(MAX_FIELD_VALUE_LENGTH), z.boolean()]))
    .refine((record) => Object.keys(record).length <= MAX_FORM_FIELDS, `at most ${MAX_FORM_FIELDS} fields`);
  /** A message that names one file of one history entry. */
  const fileMessage = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), jobId, file: fileIndex });
  const bare = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });
  /** Workspace-relative paths (the host resolves and checks each one; see `workspacePaths.ts`). */
  const referencePaths = z.array(z.string().min(1).max(MAX_REFERENCE_PATH_LENGTH)).max(MAX_REFERENCE_PATHS);
  return z.discriminatedUnion('type', [
    bare('ready'),
    z.strictObject({
      type: z.literal('generate'),
      /** The model the form was built for: the host refuses values meant for another one. */
      model: modelId,
      prompt: z.string().trim().min(1).max(MAX_PROMPT_LENGTH),
      values,
      variants: z.int().min(1).max(MAX_VARIANTS),
      /** The user chose offline placeholders in the Studio (no token needed). */
      offline: z.boolean(),
      /** The references area's images, in order: sent as data URIs in the model's image input. */
      references: referencePaths.optional(),
    }),
    /** The form changed: the host answers with the Generate button's price (`estimate` back). Nothing is sent to RunComfy. */
    z.strictObject({
      type: z.literal('estimate'),
      /** Echoed in the answer, so a late answer to an older form is dropped. */
      seq: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
      model: modelId,
      values,
      variants: z.int().min(1).max(MAX_VARIANTS),
      offline: z.boolean(),
    }),
    /** "Add from Workspace…": the host asks which workspace image to add. */
    z.strictObject({ type: z.literal('addReferences'), model: modelId }),
    /** Files dropped on the references area (`text/uri-list`): the host keeps those inside the workspace. */
    z.strictObject({ type: z.literal('dropReferences'), model: modelId, uris: z.array(z.string().min(1).max(4096)).max(MAX_REFERENCE_PATHS) }),
    /** "Use as reference" on a gallery tile. */
    z.strictObject({ type: z.literal('useAsReference'), model: modelId, jobId, file: fileIndex }),
    z.strictObject({ type: z.literal('cancel'), jobId }),
    fileMessage('open'),
    fileMessage('reveal'),
    fileMessage('insert'),
    fileMessage('copyLink'),
    fileMessage('delete'),
    fileMessage('keep'),
    fileMessage('discard'),
    z.strictObject({ type: z.literal('copyPrompt'), jobId }),
    /** Drops an entry without files (a failed job) from the history. */
    z.strictObject({ type: z.literal('removeEntry'), jobId }),
    /** The model picker: the Studio switches to this model (it must be one the picker offered). */
    z.strictObject({ type: z.literal('chooseModel'), model: modelId }),
    bare('setApiToken'),
    bare('openSettings'),
  ]);
}

export type WebviewMessageSchema = ReturnType<typeof webviewMessageSchema>;
export type WebviewMessage = z.infer<WebviewMessageSchema>;
export type WebviewMessageType = WebviewMessage['type'];
export type GenerateMessage = Extract<WebviewMessage, { type: 'generate' }>;
export type ChooseModelMessage = Extract<WebviewMessage, { type: 'chooseModel' }>;
export type EstimateRequestMessage = Extract<WebviewMessage, { type: 'estimate' }>;
export type FileMessage = Extract<WebviewMessage, { type: 'open' | 'reveal' | 'insert' | 'copyLink' | 'delete' | 'keep' | 'discard' }>;
export type ReferenceMessage = Extract<WebviewMessage, { type: 'addReferences' | 'dropReferences' | 'useAsReference' }>;

/** The parsed message, or the reason it was refused (for the log). */
export type ParseResult = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

export function parseWebviewMessage(schema: WebviewMessageSchema, raw: unknown): ParseResult {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `${issue?.message ?? 'invalid message'}${where}` };
}

// ---- host → webview (built by the host, so plain types) ----

export interface IntRange {
  min: number;
  max: number;
}

/** One entry of the model picker. */
export interface ModelChoice {
  id: string;
  label: string;
  /** "$0.012 per image", when the catalog publishes a price. */
  price?: string;
}

/** The form of one model, built from its normalised schema (zod-parsed by the webview: `formSpecSchema.ts`). */
export interface StudioForm {
  model: string;
  /** One control per input, the prompt first. */
  controls: FormControl[];
  /** Size presets mapped to the model's own inputs; empty when the model takes no size. */
  presets: SizePreset[];
  /** False when the model's schema is unknown: only the prompt is asked for, and RunComfy checks the rest. */
  known: boolean;
}

/** What the form needs to know about the model and the provider. */
export interface StudioConfig {
  model: string;
  /** The model's display name when known, else its id. */
  modelLabel: string;
  /** The `runcomfy.provider` setting. */
  provider: 'runcomfy' | 'offline';
  hasToken: boolean;
  /** The image models the picker offers, the current one always among them. */
  models: ModelChoice[];
  form: StudioForm;
  /** The offline renderer's ranges. */
  offlineRanges: { width: IntRange; height: IntRange };
  /** The settings' size, for offline placeholders of a model that takes no width and height. */
  defaults: { width: number; height: number };
  /** The document "Insert into Editor" writes to, for the button's tooltip. */
  insertTarget?: string;
}

/** A running or waiting job. */
export interface LiveJob {
  id: string;
  prompt: string;
  phase: 'waiting' | 'submitting' | 'queued' | 'running' | 'saving';
  /** "Queued (#3)", "Generating", … */
  label: string;
  queuePosition?: number;
  /** Elapsed when the message was built; the webview keeps counting from there. */
  elapsedMs: number;
  size: string;
  offline: boolean;
  /** Part of a variants batch (results are staged). */
  variant: boolean;
}

/** One tile: a saved file of a job, or a job that ended without one. */
export interface GalleryTile {
  key: string;
  jobId: string;
  /** Index into the job's files; absent for a job without files (failed, stopped waiting). */
  file?: number;
  prompt: string;
  /** File name, and its path relative to the workspace. */
  name?: string;
  relativePath?: string;
  /** `asWebviewUri` of the file, when it exists and lies under a folder the webview may load from. */
  src?: string;
  missing: boolean;
  outcome: 'saved' | 'failed' | 'detached';
  error?: string;
  width?: number;
  height?: number;
  steps?: number;
  model: string;
  offline: boolean;
  finishedAt?: number;
  /** What the job cost as RunComfy reported it ("$0.012", "cost not reported"); absent offline. */
  cost?: string;
  /** The first reference image of an edit, when the webview may load it: the "before" of Compare. */
  reference?: { name: string; src: string };
}

/** Variants of one Generate, waiting in staging for Keep or Discard. */
export interface StagedGroup {
  id: string;
  prompt: string;
  tiles: GalleryTile[];
}

export type HostMessage =
  | {
      type: 'init';
      config: StudioConfig;
      live: LiveJob[];
      staged: StagedGroup[];
      history: GalleryTile[];
      /** What this workspace spent today and this month, from the history. */
      spending?: string;
      /** The form as last sent with Generate in this workspace, for a panel that has no saved state. */
      lastForm?: FormValues;
    }
  | { type: 'config'; config: StudioConfig }
  | { type: 'jobs'; live: LiveJob[] }
  | { type: 'gallery'; staged: StagedGroup[]; history: GalleryTile[]; spending?: string }
  /** The Generate button's text with its price, answering the webview's `estimate` (`seq` echoed). */
  | ({ type: 'estimate' } & GenerateEstimate)
  | { type: 'notice'; message: string; level: 'info' | 'error' }
  /** A problem the host found, shown beside the field it names (`prompt`, an input name, or none: the form). */
  | { type: 'formError'; field: string | undefined; message: string }
  /** Reference images the host checked, to add to `model`'s references area. */
  | { type: 'referencesAdded'; model: string; items: ReferenceItem[] };

/** The Generate button as the host priced it (zod-parsed by the webview: `moneyMessageSchema.ts`). */
export interface GenerateEstimate {
  seq: number;
  /** The model the form was for. */
  model: string;
  /** "Generate 4 · ≈ $0.05", "Generate · $0.012", "Generate 4 · price unknown", "Generate 4" (offline). */
  label: string;
  /** How the number was reached, for the tooltip. */
  title: string;
}

/**
 * The form's values; the webview keeps them with `setState` (so they survive a reload) and the host keeps
 * the last sent one in workspace state (so a new panel starts from it). The prompt, variants and offline
 * choice are shared by every model; each model keeps its own values.
 */
export interface FormValues {
  prompt: string;
  variants: number;
  offline: boolean;
  /** Each model's values, most recently used first. */
  byModel: Record<string, ModelValues>;
  /** Each model's reference images (webview state only: the host never keeps them). */
  references?: Record<string, ReferenceItem[]>;
}

export interface StudioWebviewState {
  form: FormValues;
}
