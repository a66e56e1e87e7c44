import type { z } from 'zod';

/** Settings the extension reads, all under `runcomfy.*`; `package.json` contributes the same keys. */
export const DEFAULT_MODEL = 'blackforestlabs/flux-2-klein/9b/text-to-image';
export const DEFAULT_BASE_URL = 'https://model-api.runcomfy.net';

/**
 * The schema of each setting. Built on the first parse, and zod required only then, so activation does not
 * pay for loading zod (about half of what the activation bundle would otherwise load).
 */
function buildFields() {
  const { z } = require('zod') as typeof import('zod');
  return {
    model: z.string().trim().min(1).regex(/\//, 'a model id looks like owner/family/variant'),
    steps: z.number().int().min(1).max(1000),
    width: z.number().int().min(16).max(4096),
    height: z.number().int().min(16).max(4096),
    extraInputs: z.record(z.string(), z.unknown()),
    provider: z.enum(['runcomfy', 'offline']),
    destination: z.string().trim().min(1),
    useMarkdownCopyFilesDestination: z.boolean(),
    maxConcurrentJobs: z.number().int().min(1).max(16),
    jobTimeoutMinutes: z.number().positive(),
    maxDownloadMegabytes: z.number().positive(),
    confirmPrompt: z.boolean(),
    codeLens: z.boolean(),
    embedMetadata: z.boolean(),
    baseUrl: z.url({ protocol: /^https?$/ }),
  } as const;
}

type Fields = ReturnType<typeof buildFields>;
let fields: Fields | undefined;

export type Settings = { [K in keyof Fields]: z.infer<Fields[K]> };

export const DEFAULT_SETTINGS: Settings = {
  model: DEFAULT_MODEL,
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
  embedMetadata: true,
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
    const value = raw[key];
    if (value === undefined || value === null) continue;
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
