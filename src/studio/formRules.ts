/**
 * Whether a Studio run is offline, shared by the webview (which ranges and banner to show) and the host
 * (which provider to use). No imports beyond types, so the webview bundle stays small.
 */
import type { FormValues, StudioConfig } from './protocol';

/** True when this run renders offline placeholders (the setting, or the Studio's own choice). */
export function isOffline(config: Pick<StudioConfig, 'provider'>, form: Pick<FormValues, 'offline'>): boolean {
  return config.provider === 'offline' || form.offline;
}
