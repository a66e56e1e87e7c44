/**
 * The schema of the form the host sends to the webview (`StudioForm` and the model picker's entries). The
 * webview parses every `init` and `config` with it before rendering: the form is built from a model schema
 * the catalog published, which is not ours, so it is checked on arrival rather than trusted. zod/mini
 * (tree-shaken, a few kB) keeps the webview bundle small; the host's own messages use full zod.
 */
import * as z from 'zod/mini';
import type { ModelChoice, StudioForm } from './protocol';

const text = (max: number) => z.string().check(z.maxLength(max));
const finite = z.number().check(z.refine(Number.isFinite, 'not a finite number'));
const enumValue = z.union([text(1000), finite, z.boolean()]);

const base = {
  name: text(100).check(z.minLength(1)),
  title: text(500),
  description: text(10_000),
  required: z.boolean(),
};

const control = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('prompt'), maxLength: z.optional(finite) }),
  z.object({
    ...base,
    kind: z.union([z.literal('integer'), z.literal('number')]),
    min: z.optional(finite),
    max: z.optional(finite),
    step: z.optional(finite),
    default: z.optional(finite),
  }),
  z.object({ ...base, kind: z.literal('enum'), options: z.array(enumValue).check(z.maxLength(500)), default: z.optional(enumValue) }),
  z.object({ ...base, kind: z.literal('boolean'), default: z.optional(z.boolean()) }),
  z.object({ ...base, kind: z.literal('string'), maxLength: z.optional(finite), default: z.optional(text(100_000)) }),
  z.object({ ...base, kind: z.literal('seed'), min: z.optional(finite), max: z.optional(finite), default: z.optional(finite) }),
  z.object({ ...base, kind: z.literal('json'), default: z.optional(text(100_000)) }),
  z.object({
    ...base,
    kind: z.literal('media'),
    mediaType: z.union([z.literal('image'), z.literal('video'), z.literal('audio')]),
    multiple: z.boolean(),
    maxItems: z.optional(finite),
    references: z.optional(z.object({ minItems: finite, maxItems: finite, maxBytes: finite })),
  }),
]);

const preset = z.object({
  label: text(100),
  width: finite,
  height: finite,
  inputs: z.record(text(100), z.union([text(1000), finite])),
  result: text(200),
});

export const studioFormSchema = z.object({
  model: text(200),
  controls: z.array(control).check(z.maxLength(100)),
  presets: z.array(preset).check(z.maxLength(20)),
  known: z.boolean(),
});

export const modelChoicesSchema = z.array(z.object({ id: text(200), label: text(500), price: z.optional(text(200)) })).check(z.maxLength(2000));

/** The form and picker entries of a host message, or why they were refused. */
export type FormParse = { ok: true; form: StudioForm; models: ModelChoice[] } | { ok: false; reason: string };

export function parseStudioForm(form: unknown, models: unknown): FormParse {
  const parsedForm = studioFormSchema.safeParse(form);
  if (!parsedForm.success) return { ok: false, reason: firstIssue(parsedForm.error.issues) };
  const parsedModels = modelChoicesSchema.safeParse(models);
  if (!parsedModels.success) return { ok: false, reason: firstIssue(parsedModels.error.issues) };
  return { ok: true, form: parsedForm.data as StudioForm, models: parsedModels.data as ModelChoice[] };
}

function firstIssue(issues: readonly { message: string; path: readonly PropertyKey[] }[]): string {
  const issue = issues[0];
  return issue ? `${issue.message}${issue.path.length ? ` at ${issue.path.map(String).join('.')}` : ''}` : 'invalid form';
}
