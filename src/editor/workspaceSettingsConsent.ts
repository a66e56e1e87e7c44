import * as vscode from 'vscode';
import {
  OVERRIDE_CHECKED_KEYS,
  overridesFingerprint,
  overridesQuestion,
  spendingOverrides,
  USE_MY_SETTINGS,
  USE_WORKSPACE_SETTINGS,
  type SettingOverride,
} from '../core/consent/workspaceOverrides';
import { DEFAULT_SETTINGS, parseSettings } from '../core/settings';
import type { Logger } from '../runcomfy/types';
import type { SettingsReader } from './settingsReader';
import type { UserMessages } from './userMessages';

const CHOICE_KEY = 'runcomfy.workspaceSettingsChoice';

/** The settings a paid job takes from this consent: which model, and what extra inputs. */
export interface SpendingSettings {
  model: string;
  extraInputs: Record<string, unknown>;
}

/** How a caller without a person answers the question: the button label, or `cancel`. */
export type WorkspaceSettingsAnswer = typeof USE_WORKSPACE_SETTINGS | typeof USE_MY_SETTINGS | 'cancel';

interface RememberedChoice {
  fingerprint: string;
  useWorkspace: boolean;
}

/**
 * Before the first paid generation in a workspace whose settings override the user's model or extra
 * inputs: say so and ask once. The answer is kept in workspace storage until the values change.
 */
export class WorkspaceSettingsConsent {
  private asking: Promise<SpendingSettings | undefined> | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly settings: SettingsReader,
    private readonly messages: UserMessages,
    private readonly log: Logger,
  ) {}

  /** What the next paid job would use now, and whether it would ask first (for confirmations that name the model). */
  current(): { settings: SpendingSettings; overrides: SettingOverride[]; undecided: boolean } {
    const overrides = this.overrides();
    const remembered = this.remembered(overrides);
    const useWorkspace = remembered?.useWorkspace ?? true;
    return { settings: useWorkspace ? this.effective() : this.userSettings(), overrides, undecided: overrides.length > 0 && !remembered };
  }

  /** The model and extra inputs for a paid job; `undefined` when the user cancelled. Concurrent callers share one question. */
  async forPaidJob(answer?: WorkspaceSettingsAnswer): Promise<SpendingSettings | undefined> {
    const { settings, overrides, undecided } = this.current();
    if (!undecided) return settings;
    this.asking ??= this.ask(overrides, answer).finally(() => (this.asking = undefined));
    return this.asking;
  }

  private async ask(overrides: SettingOverride[], answer: WorkspaceSettingsAnswer | undefined): Promise<SpendingSettings | undefined> {
    const { message, detail } = overridesQuestion(overrides);
    const choice = await this.messages.ask(message, detail, [USE_WORKSPACE_SETTINGS, USE_MY_SETTINGS], answer);
    if (!choice) return undefined;
    const useWorkspace = choice === USE_WORKSPACE_SETTINGS;
    await this.state.update(CHOICE_KEY, { fingerprint: overridesFingerprint(overrides), useWorkspace } satisfies RememberedChoice);
    return useWorkspace ? this.effective() : this.userSettings();
  }

  private remembered(overrides: SettingOverride[]): RememberedChoice | undefined {
    const saved = this.state.get<RememberedChoice>(CHOICE_KEY);
    return saved && saved.fingerprint === overridesFingerprint(overrides) ? saved : undefined;
  }

  private overrides(): SettingOverride[] {
    const config = vscode.workspace.getConfiguration('runcomfy');
    const effective = this.effective();
    return spendingOverrides(
      OVERRIDE_CHECKED_KEYS.map((key) => {
        const inspected = config.inspect(key);
        return { ...inspected, key, defaultValue: inspected?.defaultValue ?? DEFAULT_SETTINGS[key], effective: effective[key] };
      }),
    );
  }

  private effective(): SpendingSettings {
    const { model, extraInputs } = this.settings.settings;
    return { model, extraInputs };
  }

  /** The user's own values (user settings, else defaults), parsed like every setting. */
  private userSettings(): SpendingSettings {
    const config = vscode.workspace.getConfiguration('runcomfy');
    const raw = Object.fromEntries(OVERRIDE_CHECKED_KEYS.map((key) => [key, config.inspect(key)?.globalValue]));
    const { model, extraInputs } = parseSettings(raw, (m) => this.log.warn(m));
    return { model, extraInputs };
  }
}
