import { parseGenerateEstimate } from '../studio/moneyMessageSchema';
import type { EstimateRequestMessage } from '../studio/protocol';
import { byId } from './dom';
import { vscode } from './vscodeApi';

/** The form as the host prices it (everything of an `estimate` request but its sequence number). */
export type EstimateRequest = Omit<EstimateRequestMessage, 'type' | 'seq'>;

/** Typing coalesces into one request; short enough that the price follows the hand. */
const REQUEST_DELAY_MS = 120;

/**
 * The price on the Generate button ("Generate 4 · ≈ $0.05"). The webview does no money arithmetic: it
 * sends the form to the host, which prices it from the catalog, and shows the parsed answer as text.
 * Only the answer to the latest request is shown, so a slow answer never overwrites a newer one.
 */
export class GenerateEstimate {
  private readonly label = byId('generate-label');
  private readonly button = byId<HTMLButtonElement>('generate');
  private seq = 0;
  private timer: number | undefined;

  request(form: EstimateRequest): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => vscode.postMessage({ type: 'estimate', seq: ++this.seq, ...form }), REQUEST_DELAY_MS);
  }

  show(raw: unknown): void {
    const estimate = parseGenerateEstimate(raw);
    if (!estimate || estimate.seq !== this.seq) return;
    this.label.textContent = estimate.label;
    this.button.title = estimate.title;
  }
}
