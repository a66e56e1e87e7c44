import * as assert from 'node:assert/strict';
import { DOUBLE_ASPECT, DOUBLE_UNPRICED, DOUBLE_VIDEO } from '../../support/doubleModels';
import { KLEIN_9B, requestLines, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: the real cost of a job', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.dispose());

  it('asks /result for the cost and returns it in USD', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: 'a hummingbird', width: 512, height: 512 });
    assert.equal(result.costUsd, 0.012);
    const polls = requestLines(h.double, 'api').filter((line) => line.includes('/result'));
    assert.ok(polls.length > 0 && polls.every((line) => line.endsWith('?include_cost=true')), polls.join('\n'));
  });

  it('reports the cost of every output and of every second', async () => {
    const images = await h.client.run(DOUBLE_ASPECT, { prompt: 'cats [scenario:multiple:3]' });
    assert.equal(images.costUsd, 0.45);
    const video = await h.client.run(DOUBLE_VIDEO, { prompt: 'a forest', duration: 4 });
    assert.equal(video.costUsd, 2.28);
  });

  it('leaves the cost out when RunComfy does not report one, never making it $0', async () => {
    const omitted = await h.client.run(KLEIN_9B, { prompt: 'a fox [scenario:no-cost]' });
    assert.equal(omitted.costUsd, undefined);
    assert.equal('costUsd' in omitted, false);
    const unpriced = await h.client.run(DOUBLE_UNPRICED, { prompt: 'a sketch' });
    assert.equal(unpriced.costUsd, undefined);
  });

  it('asks for the cost on a result URL RunComfy returned as well', async () => {
    const submission = await h.client.submit(KLEIN_9B, { prompt: 'an owl' });
    const result = await h.client.wait({ ...submission, resultUrl: `${submission.resultUrl}?tenant=a` });
    assert.equal(result.costUsd, 0.012);
    const polls = requestLines(h.double, 'api').filter((line) => line.includes('/result'));
    assert.ok(polls.every((line) => line.endsWith('?tenant=a&include_cost=true')), polls.join('\n'));
  });
});
