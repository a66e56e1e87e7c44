/**
 * The project's `.vscode/settings.json`, read the way VS Code reads it (JSONC: comments and trailing commas,
 * with Microsoft's own `jsonc-parser`), so the CLI and the editor agree on model, size, steps and
 * destination. Two keys are never taken from a project file: `runcomfy.baseUrl` (a repository must not be
 * able to send the token elsewhere; the CLI reads RUNCOMFY_BASE_URL) and `runcomfy.provider` (the CLI goes
 * offline only when told to with `--offline`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DEFAULT_SETTINGS, parseSettings, SETTING_KEYS, type Settings } from '../core/settings';

const IGNORED: readonly (keyof Settings)[] = ['baseUrl', 'provider'];

/** The project's settings and which of them the file set (valid values only), so the CLI can say where a value came from. */
export interface ProjectSettings {
  settings: Settings;
  fromFile: ReadonlySet<keyof Settings>;
}

/** The parsed settings (defaults for anything absent or invalid); `warn` hears about each problem. */
export async function readProjectSettings(root: string, warn: (message: string) => void): Promise<ProjectSettings> {
  const file = path.join(root, '.vscode', 'settings.json');
  const none: ProjectSettings = { settings: { ...DEFAULT_SETTINGS }, fromFile: new Set() };
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return none;
  }
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    warn(`${file}: ${printParseErrorCode(first.error)} at offset ${first.offset}; reading what could be parsed.`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return none;
  const raw = runcomfyValues(json as Record<string, unknown>);
  const settings = parseSettings(raw, (message) => warn(`${file}: ${message}`));
  // A value that fell back to its default did not come from the file.
  const accepted = (key: keyof Settings) => {
    let valid = true;
    parseSettings({ [key]: raw[key] }, () => (valid = false));
    return valid;
  };
  return { settings, fromFile: new Set((Object.keys(raw) as (keyof Settings)[]).filter(accepted)) };
}

/** `"runcomfy.model": …` keys, or the nested `"runcomfy": { "model": … }` form VS Code also accepts. */
function runcomfyValues(json: Record<string, unknown>): Partial<Record<keyof Settings, unknown>> {
  const nested = json['runcomfy'];
  const raw: Partial<Record<keyof Settings, unknown>> = {};
  for (const key of SETTING_KEYS) {
    if (IGNORED.includes(key)) continue;
    const value = json[`runcomfy.${key}`] ?? (nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[key] : undefined);
    if (value !== undefined) raw[key] = value;
  }
  return raw;
}
