/**
 * Child process of the benchmark: loads the extension bundle with the `vscode` host double in place of
 * the real module, runs `activate()`, and prints the timings as one JSON line.
 * `node out/test/bench/activationProbe.js dist/extension.js`
 */
import Module = require('node:module');
import * as path from 'node:path';
import * as fakeVscode from './fakeVscode';

const bundle = path.resolve(process.argv[2] ?? 'dist/extension.js');
const fakePath = require.resolve('./fakeVscode');
const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fakePath : resolve.call(this, request, ...rest);
};

const before = process.memoryUsage();
const loadStart = performance.now();
const extension = require(bundle) as { activate(context: unknown): unknown; deactivate?(): void };
const loaded = performance.now();
const context = fakeVscode.extensionContext();
extension.activate(context);
const activated = performance.now();
const after = process.memoryUsage();
extension.deactivate?.();
process.stdout.write(
  `${JSON.stringify({
    requireMs: loaded - loadStart,
    activateMs: activated - loaded,
    totalMs: activated - loadStart,
    heapAddedBytes: after.heapUsed - before.heapUsed,
    subscriptions: context.subscriptions.length,
  })}\n`,
);
process.exit(0);
