import * as assert from 'node:assert/strict';
import { request } from 'undici';
import { renderPlaceholder } from '../../../src/core/placeholders/placeholderImage';
import { readPngSize } from '../../../src/core/images/png';
import { startRunComfyDouble, type RunComfyDouble } from '../../support/runcomfyDouble';

/** Submits one job to the double and downloads its first output once the job is done. */
async function generate(double: RunComfyDouble, input: Record<string, unknown>): Promise<{ id: string; bytes: Buffer }> {
  const headers = { authorization: `Bearer ${double.token}`, 'content-type': 'application/json' };
  const submit = await request(`${double.baseUrl}/v1/models/blackforestlabs/flux-2-klein/9b/text-to-image`, { method: 'POST', headers, body: JSON.stringify(input) });
  const { request_id: id } = (await submit.body.json()) as { request_id: string };
  for (;;) {
    const reply = await request(`${double.baseUrl}/v1/requests/${id}/result`, { headers });
    const body = (await reply.body.json()) as { status: string; output?: { image: string } };
    if (body.status === 'succeeded') {
      const file = await request(body.output!.image);
      return { id, bytes: Buffer.from(await file.body.arrayBuffer()) };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the test double’s pictures', () => {
  let double: RunComfyDouble;
  before(async () => (double = await startRunComfyDouble({ queueMs: 0, runMs: 10 })));
  after(() => double.close());

  it('show the job, its prompt (without markers) and its size, drawn by the offline renderer', async () => {
    const { id, bytes } = await generate(double, { prompt: 'A red fox in snow [run:10]', width: 800, height: 608 });
    assert.deepEqual(readPngSize(bytes), { width: 800, height: 608 });
    assert.ok(bytes.equals(renderPlaceholder({ prompt: `#${id.slice(0, 6)} A red fox in snow`, width: 800, height: 608 })));
  });

  it('tell two variants of one prompt apart', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => generate(double, { prompt: 'Twin towers', width: 512, height: 512 })));
    assert.notEqual(a!.id, b!.id);
    assert.ok(!a!.bytes.equals(b!.bytes), 'each job draws its own id, so the files differ');
  });
});
