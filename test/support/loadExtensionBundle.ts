/**
 * Loads a built extension bundle (dist/extension.js) in plain Node with `vscodeHostDouble` standing in for
 * the `vscode` module, for tests and the benchmark that look at what activation loads.
 */
import Module = require('node:module');
import * as hostDouble from './vscodeHostDouble';

export interface ExtensionBundle {
  activate(context: unknown): unknown;
  deactivate?(): void;
}

let installed = false;

/** Makes `require('vscode')` return the host double, from now on, in this process. */
export function installVscodeHostDouble(): void {
  if (installed) return;
  installed = true;
  const doublePath = require.resolve('./vscodeHostDouble');
  const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? doublePath : resolve.call(this, request, ...rest);
  };
}

/** Requires the bundle at `bundlePath` with the host double in place. */
export function requireExtensionBundle(bundlePath: string): ExtensionBundle {
  installVscodeHostDouble();
  return require(bundlePath) as ExtensionBundle;
}

export const extensionContext = hostDouble.extensionContext;
