import type { Services } from './services';

/** RunComfy: Show Log. */
export function showLog(services: Services): void {
  services.log.show();
}
