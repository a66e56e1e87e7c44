import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DOUBLE_ASPECT, DOUBLE_UNPRICED } from '../../support/doubleModels';
import { answerNo, apiRequests, paidRequests, runCli, withDoubleAndProject } from './cliHarness';

/** The CLI shows what a run costs before spending, asks above the threshold, and reports the real cost. */
describe('cli: money', () => {
  const t = withDoubleAndProject();
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });

  it('generate prints the estimate to stderr and each job’s real cost in --json', async () => {
    const { code, stdout, stderr } = await run('generate', '--json', '-n', '2', '--width', '512', '--height', '512', 'a heron');
    assert.equal(code, 0, stderr);
    assert.match(stderr, /Estimated cost: 2 jobs with FLUX\.2 Klein 9B · \$0\.012 per image, ≈ \$0\.02/);
    const json = JSON.parse(stdout) as { estimatedCostUsd: number; jobs: { costUsd: number | null }[] };
    assert.equal(json.estimatedCostUsd, 0.024);
    assert.deepEqual(json.jobs.map((job) => job.costUsd), [0.012, 0.012]);
  });

  it('says null, not 0, for a job whose cost RunComfy did not report', async () => {
    const { code, stdout, stderr } = await run('generate', '--json', '--width', '512', '--height', '512', 'a crane [scenario:no-cost]');
    assert.equal(code, 0, stderr);
    assert.equal((JSON.parse(stdout) as { jobs: { costUsd: unknown }[] }).jobs[0]!.costUsd, null);
  });

  it('without a terminal, refuses a run estimated above $0.30 unless --yes, sending nothing paid', async () => {
    const refused = await run('generate', '--model', DOUBLE_ASPECT, '-n', '3', 'three cats');
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /Estimated cost: 3 jobs with Nano Banana Pro · \$0\.15 per image, ≈ \$0\.45/);
    assert.match(refused.stderr, /error: Not starting: the estimate ≈ \$0\.45 is above \$0\.30 \(RUNCOMFY_CONFIRM_COST_ABOVE\)\. Pass --yes/);
    assert.deepEqual(paidRequests(t.double), []);
    assert.ok(apiRequests(t.double).includes(`GET /v1/models/${DOUBLE_ASPECT}`), 'the price was read from RunComfy');
    const agreed = await run('generate', '--model', DOUBLE_ASPECT, '-n', '3', '--yes', 'three cats');
    assert.equal(agreed.code, 0, agreed.stderr);
    assert.equal(t.double.jobs.size, 3);
  });

  it('treats an unknown price as above any threshold, never as free', async () => {
    const refused = await runCli(['generate', '--model', DOUBLE_UNPRICED, 'a sketch'], { cwd: t.temp.project, env: { ...t.env, RUNCOMFY_CONFIRM_COST_ABOVE: '1000' } });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /Sketchbook · price unknown, price unknown/);
    assert.match(refused.stderr, /Not starting: the price is unknown\./);
    assert.deepEqual(paidRequests(t.double), []);
  });

  it('honours a lower threshold from RUNCOMFY_CONFIRM_COST_ABOVE', async () => {
    const { code, stderr } = await runCli(['generate', '--width', '512', '--height', '512', 'a heron'], { cwd: t.temp.project, env: { ...t.env, RUNCOMFY_CONFIRM_COST_ABOVE: '0' } });
    assert.equal(code, 2, stderr);
    assert.deepEqual(paidRequests(t.double), []);
  });

  it('on a terminal, asks before spending above the threshold; no sends nothing', async () => {
    const answered = await answerNo(['generate', '--model', DOUBLE_ASPECT, '-n', '3', 'three cats'], t);
    assert.ok(answered.asked, answered.output);
    assert.equal(answered.whenAsked, 0);
    assert.match(answered.output, /Generate anyway\? The estimate ≈ \$0\.45 is above \$0\.30/);
    assert.equal(answered.code, 130);
    assert.deepEqual(paidRequests(t.double), []);
  });

  it('fill --dry-run prints the total, and a small batch above the threshold still asks', async () => {
    const doc = Array.from({ length: 2 }, (_, i) => `![Cat ${i + 1}](img/cat${i + 1}.png)`).join('\n\n');
    await fs.writeFile(path.join(t.temp.project, 'cats.md'), `${doc}\n`);
    const dry = await run('fill', '--dry-run', '--width', '512', '--height', '512', 'cats.md');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stderr, new RegExp('Estimated cost: 2 jobs with FLUX\\.2 Klein 9B · \\$0\\.012 per image, ≈ \\$0\\.02'));
    assert.deepEqual(paidRequests(t.double), []);
    const pricey = await runCli(['fill', '--model', DOUBLE_ASPECT, 'cats.md'], { cwd: t.temp.project, env: { ...t.env, RUNCOMFY_CONFIRM_COST_ABOVE: '0.25' } });
    assert.equal(pricey.code, 2, pricey.stderr);
    assert.match(pricey.stderr, /fill would start 2 paid RunComfy jobs .* Estimated cost: 2 jobs with Nano Banana Pro · \$0\.15 per image, ≈ \$0\.30\./);
    assert.deepEqual(paidRequests(t.double), []);
  });
});
