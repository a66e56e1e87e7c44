#!/usr/bin/env node
// `npm test`: builds, then runs every test stage and sums them up.
//   unit         plain mocha over out/test/unit, no VS Code
//   integration  test/integration inside a real VS Code extension host (desktop or code-server)
//   ui           test/ui in headless Chromium against the code-server workbench (code-server host only)
// Each stage prints a closing `N passed, N failed` line; this script prints their sum as the last line of
// its output and exits non-zero if anything failed, including a stage that crashed without a count.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Node itself runs every tool, so nothing depends on a shell or on node_modules/.bin shims.
const mocha = path.join(root, 'node_modules/mocha/bin/mocha.js');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const summaryPattern = /^(\d+) passed, (\d+) failed$/;

/**
 * Runs one stage in its own process group, echoing its output. Resolves with its counts, taken from its
 * closing line, and its exit code. The group is killed afterwards so that a host left behind by a timed-out
 * run (test-electron does not expose its VS Code process) never outlives the stage.
 */
function runStage(name, command, args, env = {}) {
  console.log(`\n[test] ── ${name} ──`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    const interrupt = () => killGroup(child.pid, 'SIGINT');
    process.on('SIGINT', interrupt);
    child.on('close', (code, signal) => {
      process.off('SIGINT', interrupt);
      killGroup(child.pid, 'SIGKILL');
      const lines = output.split('\n').map((line) => line.trim());
      const summary = lines.findLast((line) => summaryPattern.test(line));
      const [, passed, failed] = summary ? summary.match(summaryPattern).map(Number) : [0, 0, 0];
      resolve({ name, passed, failed, code: code ?? signal, output });
    });
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Nothing left in the group.
  }
}

/** A stage that exited non-zero without reporting a failed test still fails the run, as one failure. */
function failures({ failed, code }) {
  return code !== 0 && failed === 0 ? 1 : failed;
}

const started = Date.now();
const stages = [];
rmSync(path.join(root, 'test-artifacts/screenshots'), { recursive: true, force: true });

let build = await runStage('build', process.execPath, ['esbuild.mjs']);
if (build.code === 0) build = await runStage('compile tests', process.execPath, [tsc, '-p', 'tsconfig.test.json']);
if (build.code !== 0) stages.push(build);
else {
  stages.push(await runStage('unit', process.execPath, [mocha, '--config', '.mocharc.json']));

  const { resolveTestHost } = await import('../out/test/harness/runIntegration.js');
  let host;
  try {
    host = await resolveTestHost();
  } catch (error) {
    console.error(`[test] no VS Code to run the integration tests in: ${error.message}`);
    stages.push({ name: 'integration', passed: 0, failed: 1, code: 1, output: '' });
  }
  if (host) {
    console.log(`[test] host: ${host.description}, because ${host.reason}`);
    const integration = await runStage('integration', process.execPath, ['out/test/harness/runIntegration.js'], {
      RUNCOMFY_VSCODE_HOST: host.host,
    });
    stages.push(integration);
    if (host.host === 'code-server') stages.push(await runStage('ui', process.execPath, [mocha, '--config', 'test/ui/.mocharc.json']));
    host.vscodeVersion = integration.output.match(/^Extension host: VS Code (\S+)/m)?.[1] ?? 'unknown';
  }
  console.log('\n[test] ── summary ──');
  if (host) console.log(`[test] host: ${host.description}; the extension host reported VS Code ${host.vscodeVersion}`);
}

for (const stage of stages) {
  const note = stage.code !== 0 ? ` (exit ${stage.code})` : '';
  console.log(`[test] ${stage.name.padEnd(12)} ${stage.passed} passed, ${failures(stage)} failed${note}`);
}
console.log(`[test] ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-artifacts/screenshots/`);
const passed = stages.reduce((sum, stage) => sum + stage.passed, 0);
const failed = stages.reduce((sum, stage) => sum + failures(stage), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
