import * as assert from 'node:assert/strict';
import { InvalidInputError, normaliseInputSchema, RunComfyAuthError, UnknownModelError } from '../../../src/runcomfy';
import { createRunComfyClient } from '../../../src/runcomfy/client';
import { DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_FLASH, DOUBLE_MODELS, DOUBLE_VIDEO, DOUBLE_WORKFLOW } from '../../support/doubleModels';
import { KLEIN_9B, requestLines, startHarness, type Harness } from './clientHarness';

describe('client: catalog against the double', () => {
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(() => h.dispose());

  it('lists the whole catalog one request per page until total, without schemas unless asked', async () => {
    const { models, total } = await h.client.listModels({ limit: 3 });
    assert.equal(total, DOUBLE_MODELS.length);
    assert.deepEqual(models.map((m) => m.modelId), DOUBLE_MODELS.map((m) => m.model_id));
    assert.deepEqual(requestLines(h.double, 'api'), [
      'GET /v1/models?limit=3&offset=0',
      'GET /v1/models?limit=3&offset=3',
      'GET /v1/models?limit=3&offset=6',
    ]);
    assert.ok(models.every((m) => m.inputSchema === undefined));
    const withSchemas = await h.client.listModels({ includeSchema: true });
    assert.ok(withSchemas.models.every((m) => m.inputSchema?.properties));
    assert.equal(requestLines(h.double, 'api').length, 4, 'the default page (100) holds the whole catalog');
  });

  it('passes category, search, kind and offset to RunComfy', async () => {
    const images = await h.client.listModels({ category: 'text-to-image', kind: 'model' });
    assert.ok(images.models.length >= 5 && images.models.every((m) => m.categories.includes('text-to-image')));
    const found = await h.client.listModels({ search: 'BANANA' });
    assert.deepEqual(found.models.map((m) => m.displayName), ['Nano Banana Pro', 'Nano Banana 2 Lite Edit']);
    const rest = await h.client.listModels({ offset: DOUBLE_MODELS.length - 2 });
    assert.equal(rest.models.length, 2);
    assert.equal(rest.total, DOUBLE_MODELS.length);
    assert.match(requestLines(h.double, 'api')[0]!, /category=text-to-image&kind=model/);
  });

  it('reads one model with its schema, prices per image or per second, and no price as unknown', async () => {
    const flash = await h.client.getModel(DOUBLE_FLASH);
    assert.equal(flash.displayName, 'FLUX.2 Flash');
    assert.deepEqual([flash.basePriceUsd, flash.priceUnit], [0.005, 'output']);
    assert.equal((flash.inputSchema?.properties as Record<string, { type: string }>).guidance_scale!.type, 'float', 'raw schema as published');
    const video = await h.client.getModel(DOUBLE_VIDEO);
    assert.deepEqual([video.basePriceUsd, video.priceUnit, video.pricingNote], [0.57, 'second', 'Billed per second of video.']);
    const workflow = await h.client.getModel(DOUBLE_WORKFLOW);
    assert.equal(workflow.basePriceUsd, undefined);
    assert.equal(workflow.kind, 'workflow');
    assert.deepEqual(requestLines(h.double, 'api'), [`GET /v1/models/${DOUBLE_FLASH}`, `GET /v1/models/${DOUBLE_VIDEO}`, `GET /v1/models/${DOUBLE_WORKFLOW}`]);
  });

  it('answers a model RunComfy does not have with UnknownModelError', async () => {
    const error = await h.client.getModel('acme/no-such/model').catch((e: unknown) => e);
    assert.ok(error instanceof UnknownModelError, String(error));
    assert.equal(error.field, 'model');
    assert.match(error.message, /does not know the model "acme\/no-such\/model"/);
    assert.deepEqual(requestLines(h.double, 'api'), ['GET /v1/models/acme/no-such/model']);
  });

  it('lists the categories', async () => {
    const categories = await h.client.listCategories();
    assert.deepEqual(categories, ['image-to-image', 'text-to-image', 'text-to-video']);
  });

  it('needs the token like every API call', async () => {
    const client = createRunComfyClient({ baseUrl: h.double.baseUrl, getToken: () => 'wrong' });
    try {
      await assert.rejects(client.listModels(), RunComfyAuthError);
      await assert.rejects(client.getModel(KLEIN_9B), RunComfyAuthError);
    } finally {
      await client.close();
    }
  });

  it('checks a body against the schema the caller passes before sending, naming the field and values', async () => {
    const inputSchema = normaliseInputSchema((await h.client.getModel(DOUBLE_ASPECT)).inputSchema);
    const error = await h.client.run(DOUBLE_ASPECT, { prompt: 'x', resolution: '8K' }, { inputSchema }).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidInputError, String(error));
    assert.equal(error.field, 'resolution');
    assert.equal(error.message, `${DOUBLE_ASPECT} needs resolution to be one of "1K", "2K", "4K" (got "8K").`);
    assert.deepEqual(requestLines(h.double, 'api'), [`GET /v1/models/${DOUBLE_ASPECT}`], 'nothing was submitted');
    const result = await h.client.run(DOUBLE_ASPECT, { prompt: 'x', aspect_ratio: '3:2', resolution: '1K' }, { inputSchema });
    assert.equal(result.state, 'succeeded');
  });

  it('submits an edit model body that matches its schema, and the double refuses one that does not', async () => {
    const model = await h.client.getModel(DOUBLE_EDIT);
    assert.ok(model.inputSchema);
    const ok = await h.client.submit(DOUBLE_EDIT, { prompt: 'warmer light', image_urls: ['https://example.com/a.png'] });
    assert.ok(ok.requestId);
    // Without a schema the client checks only its snapshot's models, so this reaches the double.
    const refused = await h.client.submit(DOUBLE_EDIT, { prompt: 'warmer light', image_urls: [] }).catch((e: unknown) => e);
    assert.ok(refused instanceof InvalidInputError, String(refused));
    assert.equal(refused.field, 'image_urls');
  });
});
