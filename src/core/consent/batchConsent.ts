/**
 * When a batch of paid jobs needs the user's go-ahead, and what the question says. Shared by the editor's
 * Generate Missing Images (command and CodeLens) and the CLI's `fill`, so both ask at the same count.
 */

/**
 * Batches up to this many paid jobs start without a question. Three covers the common case of a few
 * images just linked while writing (one question per small fill would only teach people to click "Yes"),
 * while anything larger (a pasted-in document, a wrong file, 2,000 links) is never spent on unasked.
 */
export const UNCONFIRMED_BATCH_LIMIT = 3;

/** How many alt texts the question quotes before "…and N more". */
const QUOTED = 5;
const QUOTE_LENGTH = 80;

/** Whether starting `count` jobs with `provider` needs a yes first. Offline placeholders cost nothing. */
export function batchNeedsConfirmation(count: number, provider: 'runcomfy' | 'offline'): boolean {
  return provider === 'runcomfy' && count > UNCONFIRMED_BATCH_LIMIT;
}

/** One image of the batch, as the question lists it. */
export interface BatchItem {
  prompt: string;
  /** Where it will be saved, as the user should read it (relative to the document or the current folder). */
  target: string;
}

export interface BatchQuestion {
  /** One line: what will happen. */
  title: string;
  /** The model, that it is paid, and the first images. */
  detail: string;
  /** The button that starts the batch, e.g. "Generate 12 Images". */
  confirm: string;
}

/** `what` names the images in the title: "missing images" (fill), "real images for placeholders" (upgrade). */
export function batchQuestion(items: readonly BatchItem[], model: string, what = 'missing images'): BatchQuestion {
  const count = items.length;
  const quoted = items.slice(0, QUOTED).map((item) => `• “${clip(item.prompt)}” → ${item.target}`);
  if (count > QUOTED) quoted.push(`…and ${count - QUOTED} more`);
  return {
    title: `Generate ${count} ${what} with RunComfy?`,
    detail: [`Model: ${model}`, `Each image is a separate paid generation on your RunComfy account.`, '', ...quoted].join('\n'),
    confirm: `Generate ${count} Images`,
  };
}

/** The question asked after a reload about paid jobs that never reached RunComfy. */
export function unsentJobsQuestion(count: number): string {
  const images = count === 1 ? '1 image was' : `${count} images were`;
  return `${images} still waiting when VS Code closed and never sent to RunComfy. Generate ${count === 1 ? 'it' : 'them'} now (paid), or discard?`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1)}…` : flat;
}
