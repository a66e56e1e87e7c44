/**
 * Which spending settings a workspace (a cloned repository, say) sets differently from the user, and the
 * question to ask before the first paid generation uses them. Pure: the editor passes what VS Code's
 * `WorkspaceConfiguration.inspect()` returned.
 */
import * as l10n from '@vscode/l10n';

/** Settings whose workspace value is worth a question: they decide which model runs and what it is sent. */
export const OVERRIDE_CHECKED_KEYS = ['model', 'extraInputs'] as const;
export type OverrideCheckedKey = (typeof OVERRIDE_CHECKED_KEYS)[number];

/** The slice of `inspect()` this needs, plus the effective value (after VS Code's own precedence and trust). */
export interface InspectedSetting {
  key: OverrideCheckedKey;
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  /** What generation would use now. */
  effective: unknown;
}

export interface SettingOverride {
  key: OverrideCheckedKey;
  workspaceValue: unknown;
  /** The user's own value (user settings, else the default). */
  userValue: unknown;
}

/**
 * The settings the workspace really overrides: set at workspace or folder level, in effect (an untrusted
 * workspace's restricted values are not), and different from what the user would get without it.
 */
export function spendingOverrides(inspected: readonly InspectedSetting[]): SettingOverride[] {
  const overrides: SettingOverride[] = [];
  for (const s of inspected) {
    const fromWorkspace = s.workspaceFolderValue !== undefined || s.workspaceValue !== undefined;
    const userValue = s.globalValue ?? s.defaultValue;
    if (fromWorkspace && !sameValue(s.effective, userValue)) overrides.push({ key: s.key, workspaceValue: s.effective, userValue });
  }
  return overrides;
}

/** Identifies a set of overrides, so an answer is remembered only until one of the values changes. */
export function overridesFingerprint(overrides: readonly SettingOverride[]): string {
  return stableJson(overrides.map((o) => [o.key, o.workspaceValue, o.userValue]));
}

export const USE_WORKSPACE_SETTINGS = l10n.t('Use Workspace Settings');
export const USE_MY_SETTINGS = l10n.t('Use My Settings');

export function overridesQuestion(overrides: readonly SettingOverride[]): { message: string; detail: string } {
  const described = overrides.map((o) => l10n.t('runcomfy.{0} to {1} (your setting: {2})', o.key, show(o.workspaceValue), show(o.userValue)));
  const them = overrides.length === 1 ? 'it' : 'them';
  return {
    message: l10n.t('This workspace sets {0}. Use {1}?', described.join(' and '), them),
    detail:
      l10n.t('Workspace settings come with the folder you opened, for example a cloned repository, and can change what a generation costs. ') +
      l10n.t('Your answer is remembered for this workspace until these settings change.'),
  };
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  ) ?? 'undefined';
}
