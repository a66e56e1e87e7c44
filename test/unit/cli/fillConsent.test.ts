import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { answerNo, KLEIN_9B, paidRequests, listFiles, runCli, runCliInTerminal, withDoubleAndProject } from './cliHarness';

const KLEIN_4B = 'blackforestlabs/flux-2-klein/4b/text-to-image';

/** `fill` never starts more than a few paid jobs without a yes; every run says which model it pays for. */
describe('cli: consent before paid jobs', () => {
  const t = withDoubleAndProject();
  const images = (count: number) => Array.from({ length: count }, (_, i) => `![Batch image ${i + 1}](img/b${i + 1}.png)`).join('\n\n') + '\n';
  beforeEach(async () => {
    await fs.writeFile(path.join(t.temp.project, 'many.md'), images(5));
  });
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });

  it('without a terminal, refuses more than three paid jobs unless --yes is given, and sends nothing', async () => {
    const { code, stdout, stderr } = await run('fill', '--width', '512', '--height', '512', 'many.md');
    assert.equal(code, 2, stderr);
    assert.equal(stdout, '');
    assert.match(stderr, /error: fill would start 5 paid RunComfy jobs \(model blackforestlabs\/flux-2-klein\/9b\/text-to-image\)\. Pass --yes to start them, --dry-run to list them, or --offline for free placeholders\./);
    assert.deepEqual(paidRequests(t.double), []);
    assert.deepEqual(await listFiles(t.temp.project), ['many.md']);
  });

  it('--yes starts them all', async () => {
    const { code, stdout, stderr } = await run('fill', '--yes', '--width', '512', '--height', '512', 'many.md');
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trim().split('\n').length, 5);
    assert.equal(t.double.jobs.size, 5);
  });

  it('offline placeholders cost nothing and need no yes', async () => {
    const { code, stderr } = await run('fill', '--offline', '--width', '64', '--height', '64', 'many.md');
    assert.equal(code, 0, stderr);
    assert.equal((await listFiles(path.join(t.temp.project, 'img'))).length, 5);
  });

  it('on a terminal, asks with the count, the model and the alt texts before anything is sent; no sends nothing', async () => {
    const answered = await answerNo(['fill', '--width', '512', '--height', '512', 'many.md'], t);
    assert.ok(answered.asked, answered.output);
    assert.equal(answered.whenAsked, 0, 'nothing was sent before the answer');
    assert.match(answered.output, /Generate 5 missing images with FLUX\.2 Klein 9B, ≈ \$0\.06\?/);
    assert.match(answered.output, new RegExp(`Model: ${KLEIN_9B}`));
    assert.match(answered.output, /“Batch image 1” → img\/b1\.png/);
    assert.match(answered.output, /Nothing generated\./);
    assert.equal(answered.code, 130);
    assert.deepEqual(paidRequests(t.double), []);
  });

  it('on a terminal, y starts the batch', async () => {
    const answered = await runCliInTerminal(['fill', '--width', '512', '--height', '512', 'many.md'], { cwd: t.temp.project, env: t.env, waitFor: /\[y\/N\]/, answer: 'y' });
    assert.equal(answered.code, 0, answered.output);
    assert.equal(t.double.jobs.size, 5);
  });

  it('says which model it uses and where that came from', async () => {
    await fs.writeFile(path.join(t.temp.project, 'one.md'), images(1));
    const byDefault = await run('fill', '--width', '512', '--height', '512', 'one.md');
    assert.match(byDefault.stderr, new RegExp(`Model: ${KLEIN_9B} \\(the default\\)`));
    const byFlag = await run('fill', '--model', KLEIN_4B, 'one.md');
    assert.match(byFlag.stderr, new RegExp(`Model: ${KLEIN_4B} \\(from --model\\)`));
    await fs.mkdir(path.join(t.temp.project, '.vscode'));
    await fs.writeFile(path.join(t.temp.project, '.vscode', 'settings.json'), JSON.stringify({ 'runcomfy.model': KLEIN_4B, 'runcomfy.extraInputs': { width: 768 } }));
    await fs.writeFile(path.join(t.temp.project, 'two.md'), '![Another](img/another.png)\n');
    const bySettings = await run('fill', 'two.md');
    assert.equal(bySettings.code, 0, bySettings.stderr);
    assert.match(bySettings.stderr, new RegExp(`Model: ${KLEIN_4B} \\(from \\.vscode/settings\\.json\\)`));
    assert.match(bySettings.stderr, /Extra inputs: \{"width":768\} \(from \.vscode\/settings\.json\)/);
  });

  it('generate refuses a destination setting outside the project before anything is sent', async () => {
    await fs.mkdir(path.join(t.temp.project, '.vscode'));
    await fs.writeFile(path.join(t.temp.project, '.vscode', 'settings.json'), JSON.stringify({ 'runcomfy.destination': '/../outside/' }));
    const { code, stderr } = await run('generate', '--width', '512', '--height', '512', 'a stray image');
    assert.equal(code, 11, stderr);
    assert.match(stderr, /Refusing to write .*outside: files are only written inside the workspace folders\./);
    assert.deepEqual(paidRequests(t.double), []);
  });
});
