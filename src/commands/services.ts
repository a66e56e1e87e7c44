import type * as vscode from 'vscode';
import type { JobRunner } from '../core/jobs/jobRunner';
import type { JobTracker } from '../core/jobs/jobTracker';
import type { ExtensionLogger } from '../editor/logger';
import type { GenerationService } from '../editor/generationService';
import type { ModelCatalog } from '../editor/modelCatalog';
import type { SettingsReader } from '../editor/settingsReader';
import type { JobStatusBar } from '../editor/statusBar';
import type { TokenStore } from '../editor/tokenStore';
import type { UnsentJobsQuestion } from '../editor/unsentJobsQuestion';
import type { UserMessages } from '../editor/userMessages';
import type { Studio } from '../studio/studio';

/** What command handlers may use; built once by `activate()`. */
export interface Services {
  context: vscode.ExtensionContext;
  log: ExtensionLogger;
  settings: SettingsReader;
  tokens: TokenStore;
  tracker: JobTracker;
  runner: JobRunner;
  generation: GenerationService;
  statusBar: JobStatusBar;
  messages: UserMessages;
  studio: Studio;
  /** RunComfy's image models, their inputs and prices (cached; fetched on first need). */
  catalog: ModelCatalog;
  /** After a reload: generate or discard the paid jobs that never reached RunComfy. */
  unsentJobs: UnsentJobsQuestion;
}
