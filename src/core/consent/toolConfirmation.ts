/**
 * What the chat tool's confirmation says before a generation: everything that decides what is made and
 * what it costs, so the user is not agreeing to a prompt while a workspace setting picks the model.
 */
import * as l10n from '@vscode/l10n';

export interface ToolConfirmationFacts {
  prompt: string;
  width: number;
  height: number;
  steps?: number;
  target: string;
  offline: boolean;
  model: string;
  extraInputs: Record<string, unknown>;
  /** The user's own model when this workspace's settings pick another one. */
  usersModel?: string;
  /** What it will cost, as known before sending: `FLUX.2 Klein 9B · $0.012 per image` and `≈ $0.01`. */
  price?: { line: string; estimate: string };
  /** Workspace images the call sends (an edit): listed, and `model` is then the edit model. */
  referenceImages?: readonly string[];
}

export function toolConfirmation(facts: ToolConfirmationFacts): { title: string; lines: string[] } {
  if (facts.referenceImages?.length) {
    // An edit takes the size of its reference and no steps or extra inputs: only what decides it is listed.
    return {
      title: l10n.t('Edit images with RunComfy?'),
      lines: [
        `Instruction: ${facts.prompt}`,
        l10n.t('Reference images (sent to RunComfy): {0}', facts.referenceImages.join(', ')),
        l10n.t('Save to: {0}', facts.target),
        `Model: ${facts.model}`,
        l10n.t('Generated with your RunComfy account; this may be charged.'),
      ],
    };
  }
  const lines = [l10n.t('Prompt: {0}', facts.prompt), l10n.t('Size: {0} × {1}', facts.width, facts.height), l10n.t('Save to: {0}', facts.target)];
  if (facts.offline) return { title: l10n.t('Render a placeholder image?'), lines: [...lines, l10n.t('Rendered locally as an offline placeholder (no network, no cost).')] };
  const whose = facts.usersModel !== undefined ? l10n.t(' (set by this workspace; your setting: {0})', facts.usersModel) : '';
  lines.push(`Model: ${facts.model}${whose}`);
  if (facts.steps !== undefined) lines.push(l10n.t('Steps: {0}', facts.steps));
  if (Object.keys(facts.extraInputs).length > 0) lines.push(l10n.t('Extra inputs: {0}', JSON.stringify(facts.extraInputs)));
  if (facts.price) lines.push(l10n.t('Cost: {0} ({1}), charged to your RunComfy account.', facts.price.estimate, facts.price.line));
  else lines.push(l10n.t('Generated with your RunComfy account; this may be charged.'));
  return { title: l10n.t('Generate an image with RunComfy?'), lines };
}
