import * as assert from 'node:assert/strict';
import { workbench } from './hooks';

// The extension's own commands as a user runs them. Feature tests ("RunComfy: Open Image Studio", …) go here
// or in their own *.test.ts beside it; all UI test files share one workbench through workbench().

describe('RunComfy commands', () => {
  it('RunComfy: Show Log opens the "RunComfy Images" log in the Output panel', async () => {
    const wb = workbench();
    await wb.runCommand('RunComfy: Show Log');
    assert.equal(await wb.outputChannel(), 'RunComfy Images');
    await wb.screenshot('log channel');
  });

  it('lists the log among the output channels', async () => {
    const wb = workbench();
    await wb.runCommand('Output: Show Output Channels...');
    assert.ok((await wb.quickPickItems()).includes('RunComfy Images'));
    await wb.screenshot('output channels');
    await wb.dismiss();
  });
});
