#!/usr/bin/env node
// `npm start`: builds the extension and the harness, then opens the extension in a real VS Code
// (test/harness/start.ts says how). Arguments pass through: `npm start -- --port 8080`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = (...args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;

const built = node('esbuild.mjs') && node(path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json');
if (!built) process.exit(1);
// A child rather than an import: start.js reads its own arguments and owns shutdown. Ctrl-C reaches both
// processes; this one waits for the child to finish cleaning up instead of dying first.
process.on('SIGINT', () => undefined);
const child = spawn(process.execPath, [path.join(root, 'out/test/harness/start.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
