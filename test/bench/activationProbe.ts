/**
 * Child process of the benchmark: loads the extension bundle with the `vscode` host double in place of
 * the real module, runs `activate()`, and prints the timings as one JSON line.
 * `node out/test/bench/activationProbe.js dist/extension.js`
 */
import * as path from 'node:path';
import { extensionContext, installVscodeHostDouble, requireExtensionBundle } from '../support/loadExtensionBundle';

const bundle = path.resolve(process.argv[2] ?? 'dist/extension.js');
installVscodeHostDouble();
require('../support/vscodeHostDouble');

const before = process.memoryUsage();
const loadStart = performance.now();
const extension = requireExtensionBundle(bundle);
const loaded = performance.now();
const context = extensionContext();
extension.activate(context);
const activated = performance.now();
const after = process.memoryUsage();
extension.deactivate?.();
const distFiles = Object.keys(require.cache).filter((file) => path.dirname(file) === path.dirname(bundle));
process.stdout.write(
  `${JSON.stringify({
    requireMs: loaded - loadStart,
    activateMs: activated - loaded,
    totalMs: activated - loadStart,
    heapAddedBytes: after.heapUsed - before.heapUsed,
    subscriptions: context.subscriptions.length,
    filesLoaded: distFiles.map((file) => path.basename(file)),
  })}\n`,
);
process.exit(0);
