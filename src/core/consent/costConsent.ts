/**
 * What the question says before an action whose estimate is above `runcomfy.confirmCostAbove`, or whose
 * price is unknown: what will be made, with which model, and what it will cost. Shared by the editor's
 * single jobs and Studio batches; Generate Missing Images puts the same total in its own batch question.
 */
import * as l10n from '@vscode/l10n';
import { formatUsd, formatEstimate } from '../cost/money';
import type { CostEstimate } from '../cost/costEstimate';

export interface CostQuestionFacts {
  /** What the action makes, e.g. "1 image", "4 variants". */
  what: string;
  /** The model as people know it ("FLUX.2 Klein 9B"), else its id. */
  modelLabel: string;
  estimate: CostEstimate;
  /** `runcomfy.confirmCostAbove`, USD. */
  thresholdUsd: number;
}

export interface CostQuestion {
  title: string;
  detail: string;
  /** The button that spends, e.g. "Generate (≈ $0.57)". */
  confirm: string;
}

export function costQuestion(facts: CostQuestionFacts): CostQuestion {
  const { estimate } = facts;
  const limit = l10n.t('You are asked because the estimate is above {0} (setting runcomfy.confirmCostAbove).', formatUsd(facts.thresholdUsd));
  if (!estimate.known) {
    return {
      title: l10n.t('Generate {0} with {1}? The price is unknown.', facts.what, facts.modelLabel),
      detail: [
        l10n.t('RunComfy\'s catalog gives no usable price ({0}), so this cannot be estimated. It is charged to your RunComfy account at whatever the model costs.', estimate.reason),
        l10n.t('You are asked because an unknown price is never treated as free.'),
      ].join('\n\n'),
      confirm: l10n.t('Generate Anyway'),
    };
  }
  const unit = estimate.unit === 'second' ? 'second' : 'output';
  const per = `${formatUsd(estimate.unitPriceUsd)} per ${unit === 'second' ? 'second' : 'image'} × ${trim(estimate.quantity)} ${unit}${estimate.quantity === 1 ? '' : 's'}`;
  return {
    title: l10n.t('Generate {0} with {1}, {2}?', facts.what, facts.modelLabel, formatEstimate(estimate)),
    detail: [l10n.t('{0}, charged to your RunComfy account. The catalog price is a base rate; the final cost may differ.', per), limit].join('\n\n'),
    confirm: `Generate (${formatEstimate(estimate)})`,
  };
}

function trim(quantity: number): string {
  return Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(1);
}
