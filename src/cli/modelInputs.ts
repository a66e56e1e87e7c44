/**
 * The model-specific part of `generate` and `fill`: the chosen model's input schema (the embedded snapshot
 * for the models it holds, else one `GET /v1/models/{id}`), `--input key=value` typed from that schema and
 * `--input-file body.json`, and the request body built by the shared builder and checked before sending.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildRequestBody } from '../core/models/requestBody';
import type { Settings } from '../core/settings';
import { normaliseInputSchema, prepareModelInput, snapshotInputSchema, snapshotModel, type InputField, type ModelInputSchema, type RunComfyClient } from '../runcomfy';
import type { CatalogModel, ModelInput } from '../runcomfy/types';
import { UsageError } from './exitCodes';
import type { Output } from './output';

/** `--input key=value` (repeatable) and `--input-file FILE`, for `generate`. */
export const inputOptions = {
  input: { type: 'string', multiple: true },
  'input-file': { type: 'string' },
} as const;

/** A model's inputs and the name messages use for it. */
export interface ResolvedModel {
  label: string;
  inputs: ModelInputSchema;
  /** RunComfy's catalog entry when it was just read (price included); absent for the snapshot's copy. */
  entry?: CatalogModel;
}

/** The snapshot's copy when it has the model (no network), else RunComfy's catalog entry. */
export async function resolveModel(model: string, getClient: () => Promise<RunComfyClient>): Promise<ResolvedModel> {
  const embedded = snapshotInputSchema(model);
  if (embedded) return { label: snapshotModel(model)?.displayName ?? model, inputs: embedded };
  const entry = await (await getClient()).getModel(model);
  return { label: entry.displayName ?? model, inputs: normaliseInputSchema(entry.inputSchema), entry };
}

/**
 * The values of `--input-file` (a JSON object) and then `--input key=value`, each typed from the field it
 * names: numbers, booleans and enum values as their type, JSON inputs parsed, media lists built from
 * repeated keys. A value that does not read as its type stays text, so the check says what is allowed.
 */
export function readInputValues(assignments: readonly string[] | undefined, inputFile: string | undefined, inputs: ModelInputSchema, cwd: string): Record<string, unknown> {
  const values: Record<string, unknown> = inputFile === undefined ? {} : readInputFile(path.resolve(cwd, inputFile), inputFile);
  const repeated = new Set<string>();
  for (const assignment of assignments ?? []) {
    const at = assignment.indexOf('=');
    const key = at > 0 ? assignment.slice(0, at).trim() : '';
    if (!key) throw new UsageError(`--input needs key=value, got "${assignment}".`);
    const field = inputs.byName.get(key);
    const value = typedValue(field, assignment.slice(at + 1), key);
    if (field?.kind === 'media' && field.media?.multiple) {
      const list = repeated.has(key) && Array.isArray(values[key]) ? (values[key] as unknown[]) : [];
      values[key] = [...list, ...(Array.isArray(value) ? value : [value])];
      repeated.add(key);
    } else {
      values[key] = value;
    }
  }
  return values;
}

function readInputFile(file: string, shown: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--input-file ${shown}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input-file ${shown} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`--input-file ${shown} must hold a JSON object of model inputs.`);
  return json as Record<string, unknown>;
}

function typedValue(field: InputField | undefined, raw: string, key: string): unknown {
  const text = raw.trim();
  switch (field?.kind) {
    case undefined:
      // A key the schema does not know: JSON when it reads as JSON (numbers, true, [..]), else text.
      return parseJson(text) ?? raw;
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : raw;
    case 'boolean':
      return /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : raw;
    case 'enum':
      return field.enum?.find((value) => String(value) === text) ?? raw;
    case 'media':
      return text.startsWith('[') ? (parseJson(text) ?? raw) : text;
    case 'json': {
      const parsed = parseJson(text);
      if (parsed === undefined) throw new UsageError(`--input ${key} takes JSON (e.g. ${key}='[{"path":"owner/lora","scale":1}]'), got ${JSON.stringify(raw)}.`);
      return parsed;
    }
    case 'string':
      return raw;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What `prepareGeneration` needs to build bodies for one model. */
export interface BodyPlan {
  model: string;
  resolved: ResolvedModel;
  settings: Settings;
  size: { width: number; height: number };
  steps: number;
  values: Record<string, unknown>;
}

/**
 * The body for a prompt, built by the shared builder and checked against the model's schema (throws
 * `InvalidInputError` naming the field). Notes and warnings go to stderr once, for the first body.
 */
export function bodyBuilder(plan: BodyPlan, output: Output): (prompt: string) => ModelInput {
  let reported = false;
  return (prompt) => {
    const built = buildRequestBody(plan.resolved.inputs, {
      prompt,
      size: plan.size,
      steps: plan.steps,
      inputs: plan.values,
      extraInputs: plan.settings.extraInputs,
    });
    const body = prepareModelInput(plan.model, built.body, undefined, { inputSchema: plan.resolved.inputs, label: plan.resolved.label });
    if (!reported) {
      reported = true;
      for (const note of built.notes) output.info(`note: ${note}`);
      for (const warning of built.warnings) output.warn(warning);
    }
    return body;
  };
}
