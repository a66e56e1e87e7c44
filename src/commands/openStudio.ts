import type { StudioPanel } from '../studio/studioPanel';
import type { Services } from './services';

/** RunComfy: Open Image Studio: the webview panel with the form, live jobs, variants and the gallery. */
export function openStudio(services: Services): StudioPanel {
  return services.studio.open();
}
