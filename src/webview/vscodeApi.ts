import type { StudioWebviewState, WebviewMessage } from '../studio/protocol';

/** The part of the webview API the Studio uses, typed with the Studio's own messages and state. */
export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): StudioWebviewState | undefined;
  setState(state: StudioWebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** May be acquired once per page load. */
export const vscode: VsCodeApi = acquireVsCodeApi();
