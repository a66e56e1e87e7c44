import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import SummaryReporter from '../harness/summaryReporter';

/**
 * Entry point loaded by the extension host through `--extensionTestsPath` (the `@vscode/test-electron`
 * contract, also honoured by the code-server launcher): runs every `*.test.js` beside this file and
 * rejects when one failed, which makes the host exit with code 1.
 */
export function run(): Promise<void> {
  console.log(`Extension host: VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost}), Node ${process.version}`);
  // RUNCOMFY_TEST_GREP runs only the matching tests, for a quick look at one area while working on it.
  const grep = process.env.RUNCOMFY_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: SummaryReporter, ...(grep ? { grep } : {}) });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
