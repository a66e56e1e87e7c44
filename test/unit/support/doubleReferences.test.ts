import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'undici';
import { encodePng, readPngSize, readPngTextChunks } from '../../../src/core/images/png';
import { DOUBLE_EDIT } from '../../support/doubleModels';
import { startRunComfyDouble, type RunComfyDouble } from '../../support/runcomfyDouble';

const reference = encodePng(new Uint8Array(3 * 120 * 80).fill(200), 120, 80);
const uri = (mime: string, bytes: Uint8Array) => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

describe('the test double’s edit model', () => {
  let double: RunComfyDouble;
  before(async () => (double = await startRunComfyDouble({ queueMs: 0, runMs: 10 })));
  after(() => double.close());

  const submit = async (input: Record<string, unknown>) => {
    const headers = { authorization: `Bearer ${double.token}`, 'content-type': 'application/json' };
    const reply = await request(`${double.baseUrl}/v1/models/${DOUBLE_EDIT}`, { method: 'POST', headers, body: JSON.stringify(input) });
    return { status: reply.statusCode, body: (await reply.body.json()) as Record<string, unknown>, headers };
  };

  it('decodes the reference, records its size and checksum, and answers at its size with the checksum inside', async () => {
    const { status, body, headers } = await submit({ prompt: 'stormy sky', image_urls: [uri('image/png', reference)] });
    assert.equal(status, 200);
    const id = String(body.request_id);
    const sha256 = createHash('sha256').update(reference).digest('hex');
    assert.deepEqual(double.jobs.get(id)?.references, [{ field: 'image_urls', mime: 'image/png', width: 120, height: 80, byteLength: reference.length, sha256 }]);
    let output: { image: string } | undefined;
    while (!output) {
      const result = (await (await request(`${double.baseUrl}/v1/requests/${id}/result`, { headers })).body.json()) as { output?: { image: string } };
      output = result.output;
      if (!output) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const picture = Buffer.from(await (await request(output.image)).body.arrayBuffer());
    assert.deepEqual(readPngSize(picture), { width: 120, height: 80 });
    assert.equal(readPngTextChunks(picture)['RunComfy-Double-References'], `120x80 image/png ${sha256}`);
  });

  it('refuses a data URI whose bytes are not the type it claims, or no image at all', async () => {
    const wrongType = await submit({ prompt: 'x', image_urls: [uri('image/jpeg', reference)] });
    assert.equal(wrongType.status, 422);
    assert.match(JSON.stringify(wrongType.body), /claims image\/jpeg but holds image\/png/);
    const cut = await submit({ prompt: 'x', image_urls: [uri('image/png', reference.subarray(0, 20))] });
    assert.match(JSON.stringify(cut.body), /cut short/);
    const text = await submit({ prompt: 'x', image_urls: [uri('image/png', Buffer.from('hello'))] });
    assert.match(JSON.stringify(text.body), /does not hold a PNG, JPEG or WebP/);
  });
});
