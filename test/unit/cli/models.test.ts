import * as assert from 'node:assert/strict';
import { DOUBLE_ASPECT, DOUBLE_FLASH, DOUBLE_MODELS, DOUBLE_VIDEO, DOUBLE_WORKFLOW } from '../../support/doubleModels';
import { apiRequests, KLEIN_9B, runCli, withDoubleAndProject } from './cliHarness';

describe('cli: models', () => {
  const t = withDoubleAndProject();
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });

  it("lists RunComfy's catalog with id, name and price, in one request", async () => {
    const { code, stdout, stderr } = await run('models');
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, DOUBLE_MODELS.length);
    assert.match(lines[0]!, new RegExp(`^${KLEIN_9B} +FLUX\\.2 Klein 9B +\\$0\\.012 per image$`));
    assert.ok(lines.some((l) => l.startsWith(DOUBLE_VIDEO) && l.endsWith('$0.57 per second')));
    assert.ok(lines.some((l) => l.startsWith(DOUBLE_WORKFLOW) && l.endsWith('price unknown')), 'no price is unknown, never free');
    assert.deepEqual(apiRequests(t.double), ['GET /v1/models?limit=100&offset=0']);
  });

  it('filters by category and search, and prints JSON', async () => {
    const images = await run('models', '--category', 'image-to-image');
    assert.equal(images.code, 0, images.stderr);
    assert.equal(images.stdout.trim().split('\n').length, 2);
    const { code, stdout } = await run('models', '--search', 'banana', '--json');
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    assert.equal(json.source, 'catalog');
    assert.deepEqual(json.models.map((m: { modelId: string }) => m.modelId), [DOUBLE_ASPECT, 'google/nano-banana-2-lite/edit']);
    assert.deepEqual([json.models[0].basePriceUsd, json.models[0].priceUnit, json.models[0].price], [0.15, 'output', '$0.15 per image']);
    assert.match(apiRequests(t.double)[1]!, /search=banana/);
  });

  it('shows a model: inputs with types, ranges, allowed values, defaults, and what carries the size', async () => {
    const { code, stdout, stderr } = await run('models', 'show', DOUBLE_FLASH);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^FLUX\.2 Flash {2}\(blackforestlabs\/flux-2\/flash\/text-to-image\)\ntext-to-image · model · \$0\.005 per image\n/);
    assert.match(stdout, /guidance_scale +number +optional +default 2\.5 +a number from 0 to 20\n +How closely the model should stick to the prompt\./);
    assert.match(stdout, /seed +integer +optional +a whole number/);
    assert.match(stdout, /output_format +enum +optional +default "png" +one of "jpeg", "png", "webp"/);
    assert.match(stdout, /--width\/--height become: image_size/);
    assert.deepEqual(apiRequests(t.double), [`GET /v1/models/${DOUBLE_FLASH}`]);
  });

  it('shows media inputs with their limits and checks, and --json for scripts', async () => {
    const { code, stdout } = await run('models', 'show', '--json', 'google/nano-banana-2-lite/edit');
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    const images = json.inputs.find((f: { name: string }) => f.name === 'image_urls');
    assert.equal(images.kind, 'media');
    assert.deepEqual([images.media.maxItems, images.media.validations.length, images.droppedDefault], [10, 2, 'sample-media']);
    assert.equal(images.allows, 'a list of 1 to 10 image URLs (https://…) or data: URIs');
    assert.deepEqual(json.sizeInputs, []);
  });

  it('answers an unknown model with exit 5', async () => {
    const { code, stderr } = await run('models', 'show', 'acme/none/model');
    assert.equal(code, 5);
    assert.match(stderr, /does not know the model "acme\/none\/model"/);
  });

  it('without a token lists and shows the embedded models, and says so', async () => {
    const list = await runCli(['models'], { cwd: t.temp.project });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stderr, /RUNCOMFY_API_TOKEN is not set: showing the models embedded/);
    assert.match(list.stdout, /FLUX\.2 Klein 4B +price unknown/);
    const show = await runCli(['models', 'show', KLEIN_9B], { cwd: t.temp.project });
    assert.equal(show.code, 0);
    assert.match(show.stdout, /width +integer +optional +default 1024 +a whole number from 512 to 1536/);
    assert.match(show.stdout, /prompt +string +required +no default \(the published sample is not used\)/);
    const missing = await runCli(['models', 'show', DOUBLE_VIDEO], { cwd: t.temp.project });
    assert.equal(missing.code, 3);
    assert.equal(t.double.requests.length, 0);
  });
});
