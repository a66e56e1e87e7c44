/**
 * The Studio's money, host side: the Generate button's price for the form as it stands (from the catalog
 * price the editor already holds, no request), and one cost question for a whole Generate (all its
 * variants) before any of it is sent. The question follows `runcomfy.confirmCostAbove` through `CostGuard`,
 * which re-reads the price uncached for a batch. No `vscode`.
 */
import { generateButtonLabel, generateButtonTitle, type GenerateCost } from '../core/cost/generateLabel';
import type { CostGuard } from '../editor/costGuard';
import type { SettingsReader } from '../editor/settingsReader';
import { isOffline } from './formRules';
import type { EstimateRequestMessage, GenerateEstimate } from './protocol';
import type { StudioJob } from './studioJobs';

export class StudioCosts {
  constructor(
    private readonly costs: CostGuard,
    private readonly settings: SettingsReader,
  ) {}

  /** The Generate button for the form in `request`: the estimate of all its variants, or no price offline. */
  async estimate(request: EstimateRequestMessage): Promise<GenerateEstimate> {
    const { seq, model, variants } = request;
    const settings = this.settings.settings;
    let cost: GenerateCost = 'offline';
    if (!isOffline(settings, request)) {
      // The typed values carry the model's count or duration input; runcomfy.extraInputs win, as in the body.
      const input = { ...request.values, ...settings.extraInputs };
      cost = (await this.costs.estimateNow({ model, input, jobs: variants })).estimate;
    }
    return { seq, model, label: generateButtonLabel(variants, cost), title: generateButtonTitle(variants, cost) };
  }

  /**
   * Whether a paid Generate of `jobs` may start: within the threshold, or the user said yes to the total,
   * asked once for the whole batch. Nothing is sent before this resolves.
   */
  approve(model: string, prompt: string, jobs: readonly StudioJob[]): Promise<boolean> {
    const input = { prompt, ...jobs[0]?.form?.inputs, ...this.settings.settings.extraInputs };
    const what = jobs.length > 1 ? `${jobs.length} variants` : 'an image';
    return this.costs.approve({ model, input, jobs: jobs.length, what });
  }
}
