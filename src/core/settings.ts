import type { z } from 'zod';
import { baseUrlProblem, isValidModelId, MODEL_ID_HINT } from '../runcomfy/origin';

/** Settings the extension reads, all under `runcomfy.*`; `package.json` contributes the same keys. */
export const DEFAULT_MODEL = 'blackforestlabs/flux-2-klein/9b/text-to-image';
export const DEFAULT_BASE_URL = 'https://model-api.runcomfy.net';
/** RunComfy's lowest-priced edit model: one to ten references in `image_urls` (PROTOCOL §12). */
export const DEFAULT_EDIT_MODEL = 'google/nano-banana-2-lite/edit';

/**
 * Numbers outside these ranges are clamped (with a warning) rather than reset: 100000 minutes means "wait
 * very long", not "wait 30 minutes". The job timeout stays far below what a timer holds (about 35791 minutes).
 */
export const CLAMPED_RANGES = {
  jobTimeoutMinutes: { min: 1, max: 10_080 },
  maxDownloadMegabytes: { min: 1, max: 2048 },
} as const satisfies Partial<Record<string, { min: number; max: number }>>;

/**
 * The schema of each setting. Built on the first parse, and zod required only then, so activation does not
 * pay for loading zod (about half of what the activation bundle would otherwise load).
 */
function buildFields() {
  const { z } = require('zod') as typeof import('zod');
  return {
    model: z.string().trim().refine(isValidModelId, MODEL_ID_HINT),
    editModel: z.string().trim().refine(isValidModelId, MODEL_ID_HINT),
    steps: z.number().int().min(1).max(1000),
    width: z.number().int().min(16).max(4096),
    height: z.number().int().min(16).max(4096),
    extraInputs: z.record(z.string(), z.unknown()),
    provider: z.enum(['runcomfy', 'offline']),
    destination: z.string().trim().min(1),
    useMarkdownCopyFilesDestination: z.boolean(),
    maxConcurrentJobs: z.number().int().min(1).max(16),
    jobTimeoutMinutes: z.number().min(CLAMPED_RANGES.jobTimeoutMinutes.min).max(CLAMPED_RANGES.jobTimeoutMinutes.max),
    maxDownloadMegabytes: z.number().min(CLAMPED_RANGES.maxDownloadMegabytes.min).max(CLAMPED_RANGES.maxDownloadMegabytes.max),
    confirmPrompt: z.boolean(),
    codeLens: z.boolean(),
    placeholderCodeLens: z.boolean(),
    embedMetadata: z.boolean(),
    confirmCostAbove: z.number().min(0).max(1_000_000),
    // Plain http only for loopback: a typo like http://model-api… would send the token in clear text.
    baseUrl: z.url({ protocol: /^https?$/ }).superRefine((url, ctx) => {
      const problem = baseUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  } as const;
}

type Fields = ReturnType<typeof buildFields>;
let fields: Fields | undefined;

export type Settings = { [K in keyof Fields]: z.infer<Fields[K]> };

export const DEFAULT_SETTINGS: Settings = {
  model: DEFAULT_MODEL,
  editModel: DEFAULT_EDIT_MODEL,
  steps: 25,
  width: 1024,
  height: 1024,
  extraInputs: {},
  provider: 'runcomfy',
  destination: '/assets/generated/',
  useMarkdownCopyFilesDestination: true,
  maxConcurrentJobs: 4,
  jobTimeoutMinutes: 30,
  maxDownloadMegabytes: 50,
  confirmPrompt: true,
  codeLens: true,
  placeholderCodeLens: true,
  embedMetadata: true,
  /**
   * USD. Above a few dimes: everyday FLUX.2 Klein work never asks (one image $0.012, four variants ≈ $0.05,
   * twenty images ≈ $0.24) while a pricier model, many outputs or a video does.
   */
  confirmCostAbove: 0.3,
  baseUrl: DEFAULT_BASE_URL,
};

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/**
 * Parses raw values (as read from the configuration) one key at a time, so a single bad value falls back to
 * its own default without resetting the others. `warn` receives one line per rejected value.
 */
export function parseSettings(raw: Partial<Record<keyof Settings, unknown>>, warn: (message: string) => void): Settings {
  const settings = { ...DEFAULT_SETTINGS } as Record<keyof Settings, unknown>;
  fields ??= buildFields();
  for (const key of SETTING_KEYS) {
    let value = raw[key];
    if (value === undefined || value === null) continue;
    if (key in CLAMPED_RANGES && typeof value === 'number' && Number.isFinite(value)) {
      const { min, max } = CLAMPED_RANGES[key as keyof typeof CLAMPED_RANGES];
      const clamped = Math.min(max, Math.max(min, value));
      if (clamped !== value) warn(`Setting runcomfy.${key} = ${value} is outside ${min}–${max}; using ${clamped}.`);
      value = clamped;
    }
    const parsed = fields[key].safeParse(value);
    if (parsed.success) {
      settings[key] = parsed.data;
    } else {
      const reason = parsed.error.issues[0]?.message ?? 'invalid value';
      warn(`Setting runcomfy.${key} = ${JSON.stringify(value)} is invalid (${reason}); using ${JSON.stringify(DEFAULT_SETTINGS[key])}.`);
    }
  }
  return settings as Settings;
}
