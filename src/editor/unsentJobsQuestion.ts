import * as l10n from '@vscode/l10n';
import { unsentJobsQuestion } from '../core/consent/batchConsent';
import type { JobOutcome, JobRunner } from '../core/jobs/jobRunner';
import type { JobTracker } from '../core/jobs/jobTracker';
import type { Logger } from '../runcomfy/types';
import type { GenerationService } from './generationService';
import type { UserMessages } from './userMessages';

const GENERATE_NOW = l10n.t('Generate Now');
const DISCARD = l10n.t('Discard');

/**
 * Closing VS Code stops a batch. After the reload, jobs that never reached RunComfy are not sent silently:
 * the user is asked once whether to generate them now or discard them. Closing the question discards:
 * nothing is spent without a yes, and the discarded prompts stay in the history.
 */
export class UnsentJobsQuestion {
  private decided: Promise<JobOutcome[]> | undefined;

  constructor(
    private readonly runner: JobRunner,
    private readonly tracker: JobTracker,
    private readonly generation: GenerationService,
    private readonly messages: UserMessages,
    private readonly log: Logger,
  ) {}

  /** Shows the question when there are unsent jobs; the answer is carried out by {@link decide}. */
  ask(): void {
    const count = this.runner.unsentJobs().length;
    if (count === 0) return;
    void this.messages.show('warning', unsentJobsQuestion(count), GENERATE_NOW, DISCARD).then((choice) => this.decide(choice === GENERATE_NOW ? 'generate' : 'discard'));
  }

  /** Carries out the answer, once (also for callers without a person); resolves when the jobs have ended. */
  decide(choice: 'generate' | 'discard'): Promise<JobOutcome[]> {
    this.decided ??= this.carryOut(choice);
    return this.decided;
  }

  private async carryOut(choice: 'generate' | 'discard'): Promise<JobOutcome[]> {
    const jobs = this.runner.unsentJobs();
    this.log.info(`${jobs.length} unsent job(s) from before the reload: ${choice === 'generate' ? 'generating now' : 'discarded'}`);
    if (choice === 'discard') {
      for (const job of jobs) {
        await this.runner.cancel(job.id);
        await this.tracker.update(job.id, { error: { kind: 'discarded', message: l10n.t('Not sent: VS Code closed before this image reached RunComfy, and it was discarded.') } });
      }
      return [];
    }
    return Promise.all(
      jobs.map(async (job) => {
        const outcome = await this.runner.resume(job.id);
        await this.generation.afterOutcome(outcome);
        return outcome;
      }),
    );
  }
}
