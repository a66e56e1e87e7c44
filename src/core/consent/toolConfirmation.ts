/**
 * What the chat tool's confirmation says before a generation: everything that decides what is made and
 * what it costs, so the user is not agreeing to a prompt while a workspace setting picks the model.
 */

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
      title: 'Edit images with RunComfy?',
      lines: [
        `Instruction: ${facts.prompt}`,
        `Reference images (sent to RunComfy): ${facts.referenceImages.join(', ')}`,
        `Save to: ${facts.target}`,
        `Model: ${facts.model}`,
        'Generated with your RunComfy account; this may be charged.',
      ],
    };
  }
  const lines = [`Prompt: ${facts.prompt}`, `Size: ${facts.width} × ${facts.height}`, `Save to: ${facts.target}`];
  if (facts.offline) return { title: 'Render a placeholder image?', lines: [...lines, 'Rendered locally as an offline placeholder (no network, no cost).'] };
  const whose = facts.usersModel !== undefined ? ` (set by this workspace; your setting: ${facts.usersModel})` : '';
  lines.push(`Model: ${facts.model}${whose}`);
  if (facts.steps !== undefined) lines.push(`Steps: ${facts.steps}`);
  if (Object.keys(facts.extraInputs).length > 0) lines.push(`Extra inputs: ${JSON.stringify(facts.extraInputs)}`);
  if (facts.price) lines.push(`Cost: ${facts.price.estimate} (${facts.price.line}), charged to your RunComfy account.`);
  else lines.push('Generated with your RunComfy account; this may be charged.');
  return { title: 'Generate an image with RunComfy?', lines };
}
