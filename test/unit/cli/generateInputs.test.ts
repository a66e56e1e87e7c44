import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readPngSize } from '../../../src/core/images/png';
import { DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_FLASH, DOUBLE_LORA } from '../../support/doubleModels';
import { apiRequests, runCli, withDoubleAndProject } from './cliHarness';

describe('cli: generate with any catalog model', () => {
  const t = withDoubleAndProject();
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });
  const onlyJob = () => {
    const jobs = [...t.double.jobs.values()];
    assert.equal(jobs.length, 1);
    return jobs[0]!;
  };

  it('maps the size to image_size and types --input from the schema; a JPEG is saved as .jpg', async () => {
    const { code, stdout, stderr } = await run(
      'generate', '--model', DOUBLE_FLASH, '--width', '1920', '--height', '1080',
      '--input', 'output_format=jpeg', '--input', 'seed=7', '--input', 'guidance_scale=3.5', 'cozy cafe',
    );
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'assets/generated/cozy-cafe.jpg\n');
    assert.deepEqual(onlyJob().input, { prompt: 'cozy cafe', image_size: 'landscape_16_9', output_format: 'jpeg', seed: 7, guidance_scale: 3.5 });
    const bytes = await fs.readFile(path.join(t.temp.project, stdout.trim()));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    // FLUX.2 Flash is embedded: its schema costs no request.
    assert.deepEqual(apiRequests(t.double).slice(0, 2), [`GET /v1/models/${DOUBLE_FLASH}`, `POST /v1/models/${DOUBLE_FLASH}`]);
  });

  it("reads other models' schema with one GET and maps the size to aspect_ratio + resolution", async () => {
    const { code, stdout, stderr } = await run('generate', '--model', DOUBLE_ASPECT, '--width', '1920', '--height', '1080', 'banner');
    assert.equal(code, 0, stderr);
    assert.deepEqual(onlyJob().input, { prompt: 'banner', aspect_ratio: '16:9', resolution: '2K' });
    assert.deepEqual(apiRequests(t.double).slice(0, 2), [`GET /v1/models/${DOUBLE_ASPECT}`, `POST /v1/models/${DOUBLE_ASPECT}`]);
    assert.deepEqual(readPngSize(await fs.readFile(path.join(t.temp.project, stdout.trim()))), { width: 512, height: 288 });
  });

  it('fits a size outside the range into it keeping the shape, as the editor does, and clamps steps, each with a note', async () => {
    const wide = await run('generate', '--width', '3200', '--height', '1800', 'wide');
    assert.equal(wide.code, 0, wide.stderr);
    assert.match(wide.stderr, /note: 3200×1800 is outside 512–1536; using 1536×864 \(same shape\)/);
    assert.deepEqual(onlyJob().input, { prompt: 'wide', width: 1536, height: 864, steps: 25 });
    t.double.jobs.clear();
    const { code, stderr } = await run('generate', '--steps', '400', 'tall');
    assert.equal(code, 0, stderr);
    assert.deepEqual(onlyJob().input, { prompt: 'tall', width: 1024, height: 1024, steps: 100 });
    assert.match(stderr, /note: steps 400 is outside 1–100; using 100/);
  });

  it('builds media lists from repeated --input and JSON inputs from their text', async () => {
    const edit = await run('generate', '--model', DOUBLE_EDIT, '--input', 'image_urls=https://cdn.example/a.png', '--input', 'image_urls=data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC', 'warmer');
    assert.equal(edit.code, 0, edit.stderr);
    assert.deepEqual(onlyJob().input, { prompt: 'warmer', image_urls: ['https://cdn.example/a.png', 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC'] });
    assert.match(edit.stderr, /note: This model takes no size; 1024×1024 is not sent/);
    t.double.jobs.clear();
    const lora = await run('generate', '--model', DOUBLE_LORA, '--input', 'loras=[{"path":"me/style","scale":0.7}]', 'styled');
    assert.equal(lora.code, 0, lora.stderr);
    assert.deepEqual(onlyJob().input.loras, [{ path: 'me/style', scale: 0.7 }]);
  });

  it('takes --input-file, with --input winning; a WebP is saved as .webp', async () => {
    await fs.writeFile(path.join(t.temp.project, 'body.json'), JSON.stringify({ output_format: 'png', seed: 3, image_size: 'square' }));
    const { code, stdout, stderr } = await run('generate', '--model', DOUBLE_FLASH, '--input-file', 'body.json', '--input', 'output_format=webp', 'x');
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'assets/generated/x.webp\n');
    assert.deepEqual(onlyJob().input, { prompt: 'x', image_size: 'square', output_format: 'webp', seed: 3 });
  });

  it('refuses a value the schema does not allow before sending, naming the field and range (exit 5)', async () => {
    const { code, stderr } = await run('generate', '--model', DOUBLE_FLASH, '--input', 'guidance_scale=30', '--input', 'output_format=gif', 'x');
    assert.equal(code, 5);
    assert.match(stderr, /FLUX\.2 Flash needs guidance_scale to be a number from 0 to 20 \(got 30\)\. \(1 more: output_format\)/);
    assert.deepEqual(apiRequests(t.double), []);
    const typed = await run('generate', '--model', DOUBLE_ASPECT, '--input', 'num_images=two', 'x');
    assert.equal(typed.code, 5);
    assert.match(typed.stderr, /needs num_images to be a whole number from 1 to 4 \(got "two"\)/);
    assert.deepEqual(apiRequests(t.double), [`GET /v1/models/${DOUBLE_ASPECT}`], 'only the schema was read');
  });

  it('warns about an input the model does not have instead of sending it silently', async () => {
    const { code, stderr } = await run('generate', '--input', 'seed=5', 'x');
    assert.match(stderr, /warning: This model has no input "seed"; it is sent anyway and RunComfy may reject it\./);
    // The double, like a strict API, refuses it: the user saw why.
    assert.equal(code, 5);
    assert.match(stderr, /Input "seed" was rejected/);
  });

  it('refuses malformed --input and --input-file as usage errors', async () => {
    for (const [args, message] of [
      [['--input', 'novalue'], /--input needs key=value, got "novalue"/],
      [['--input-file', 'missing.json'], /--input-file missing\.json: no such file/],
      [['--model', DOUBLE_LORA, '--input', 'loras=[oops'], /--input loras takes JSON/],
    ] as const) {
      const { code, stderr } = await run('generate', ...args, 'x');
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
    }
  });

  it('answers an unknown model before sending anything (exit 5)', async () => {
    const { code, stderr } = await run('generate', '--model', 'acme/none/model', 'x');
    assert.equal(code, 5);
    assert.match(stderr, /does not know the model "acme\/none\/model"/);
    assert.deepEqual(apiRequests(t.double), ['GET /v1/models/acme/none/model']);
  });
});
