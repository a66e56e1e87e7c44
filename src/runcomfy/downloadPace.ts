/**
 * The pace a download must keep: an overall deadline and a minimum rate per window. The idle timeout alone
 * lets a host that sends one byte every few seconds hold a job (and its concurrency slot) forever.
 */
import type { DownloaderContext } from './download';
import { DownloadTooSlowError } from './errors';

/**
 * Aborts (through `signal`) a download that passes `deadlineAt` (shared by its retries) or receives less
 * than the minimum rate in a whole window after its headers; the reason is a {@link DownloadTooSlowError}.
 */
export function watchDownloadPace(
  received: { responding?: boolean; bytes: number },
  deadlineAt: number,
  context: Pick<DownloaderContext, 'deadlineMs' | 'minRate'>,
): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  const { bytesPerSecond, windowMs } = context.minRate;
  const minutes = (ms: number) => `${Math.round((ms / 60_000) * 10) / 10} min`;
  const deadline = setTimeout(() => {
    controller.abort(new DownloadTooSlowError(`The download took longer than ${minutes(context.deadlineMs)}; the file host is too slow. Fetch the result again later.`));
  }, Math.max(0, deadlineAt - Date.now()));
  let windowStartBytes: number | undefined;
  const rate = setInterval(() => {
    // Only whole windows after the headers count.
    if (!received.responding) return;
    if (windowStartBytes === undefined) return void (windowStartBytes = received.bytes);
    const perSecond = ((received.bytes - windowStartBytes) * 1000) / windowMs;
    windowStartBytes = received.bytes;
    if (perSecond >= bytesPerSecond) return;
    controller.abort(
      new DownloadTooSlowError(
        `The file host sent the file too slowly (${Math.round(perSecond)} bytes/s, under ${bytesPerSecond} bytes/s); stopped so the job does not wait forever. Fetch the result again later.`,
      ),
    );
  }, windowMs);
  // Neither timer may keep a CLI process alive on its own.
  deadline.unref();
  rate.unref();
  return {
    signal: controller.signal,
    stop() {
      clearTimeout(deadline);
      clearInterval(rate);
    },
  };
}

