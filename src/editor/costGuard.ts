import * as l10n from '@vscode/l10n';
import { costQuestion } from '../core/consent/costConsent';
import { costNeedsConfirmation, estimateCost, type CostEstimate } from '../core/cost/costEstimate';
import { modelPriceLine } from '../core/cost/money';
import type { CatalogModel, Logger, ModelInput } from '../runcomfy/types';
import type { ModelPrices } from './modelPrices';
import type { SettingsReader } from './settingsReader';
import type { UserMessages } from './userMessages';

/** How a caller without a person answers the cost question (tests): spend, or not. */
export type CostAnswer = 'generate' | 'cancel';

/** One paid action: the body each job sends, and how many jobs. */
export interface SpendPlan {
  model: string;
  input: ModelInput;
  /** Jobs of this body the action starts (Studio variants, batch images). */
  jobs: number;
  /** What it makes, for the question: "1 image", "4 variants". */
  what: string;
}

/** An estimate and the catalog entry it came from (undefined when the model is in none). */
export interface PricedPlan {
  estimate: CostEstimate;
  model: CatalogModel | undefined;
  /** The model as people know it. */
  label: string;
}

/**
 * The editor's guardrail on spending (`runcomfy.confirmCostAbove`): estimates an action, re-reads the price
 * uncached when the estimate is above the threshold (or unknown) or the action is a batch, and asks before
 * anything is sent when it still is, whatever `confirmPrompt` says. Every paid editor path passes here.
 */
export class CostGuard {
  constructor(
    private readonly prices: ModelPrices,
    private readonly settings: SettingsReader,
    private readonly messages: UserMessages,
    private readonly log: Logger,
  ) {}

  get thresholdUsd(): number {
    return this.settings.settings.confirmCostAbove;
  }

  /** `FLUX.2 Klein 9B · $0.012 per image` from what is known now (no request): for prompt boxes. */
  async priceLine(modelId: string): Promise<string> {
    return modelPriceLine(modelId, await this.prices.known(modelId));
  }

  /** The estimate from what is known now, with no request: for prompt boxes and buttons. */
  async estimateNow(plan: Omit<SpendPlan, 'what'>): Promise<PricedPlan> {
    return this.priced(plan, await this.prices.known(plan.model));
  }

  /**
   * The estimate right before spending: the cached price when it is clearly below the threshold, else the
   * price read again from RunComfy (always for a batch, `reread: true`).
   */
  async estimateBeforeSpending(plan: Omit<SpendPlan, 'what'>, options: { reread?: boolean; signal?: AbortSignal } = {}): Promise<PricedPlan> {
    const now = await this.estimateNow(plan);
    if (!options.reread && !costNeedsConfirmation(now.estimate, this.thresholdUsd)) return now;
    const current = await this.prices.reread(plan.model, options.signal);
    return current ? this.priced(plan, current) : { ...now, estimate: { known: false, reason: l10n.t('its current price could not be read from RunComfy') } };
  }

  /** Whether the action may spend: true when it is within the threshold or the user said yes. Nothing is sent before. */
  async approve(plan: SpendPlan, answer?: CostAnswer): Promise<boolean> {
    const priced = await this.estimateBeforeSpending(plan, { reread: plan.jobs > 1 });
    if (!costNeedsConfirmation(priced.estimate, this.thresholdUsd)) return true;
    const question = costQuestion({ what: plan.what, modelLabel: priced.label, estimate: priced.estimate, thresholdUsd: this.thresholdUsd });
    const preset = answer === 'generate' ? question.confirm : answer;
    const choice = await this.messages.ask(question.title, question.detail, [question.confirm], preset);
    if (choice !== question.confirm) this.log.info(`Not generating ${plan.what} with ${plan.model}: the cost was not confirmed.`);
    return choice === question.confirm;
  }

  private priced(plan: Omit<SpendPlan, 'what'>, model: CatalogModel | undefined): PricedPlan {
    return { estimate: estimateCost({ model, input: plan.input, jobs: plan.jobs }), model, label: model?.displayName ?? plan.model };
  }
}
