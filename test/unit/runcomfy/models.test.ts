import * as assert from 'node:assert/strict';
import { InvalidInputError, KLEIN_4B, KLEIN_9B, prepareModelInput } from '../../../src/runcomfy';

const rejects = (model: string, input: Record<string, unknown>, field: string, message: RegExp) =>
  assert.throws(
    () => prepareModelInput(model, input),
    (error: unknown) => error instanceof InvalidInputError && error.field === field && message.test(error.message),
  );

describe('bodies checked against the embedded snapshot', () => {
  it('checks Klein 9B inputs before sending, naming the field and range', () => {
    const ok = { prompt: 'a fox', width: 1536, height: 512, steps: 100 };
    assert.deepEqual(prepareModelInput(KLEIN_9B, ok), ok);
    rejects(KLEIN_9B, { prompt: '  ' }, 'prompt', /needs a prompt/);
    rejects(KLEIN_9B, { width: 1024 }, 'prompt', /needs a prompt/);
    rejects(KLEIN_9B, { prompt: 'x', width: 4096 }, 'width', /width to be a whole number from 512 to 1536 \(got 4096\)/);
    rejects(KLEIN_9B, { prompt: 'x', height: 511 }, 'height', /from 512 to 1536/);
    rejects(KLEIN_9B, { prompt: 'x', steps: 0 }, 'steps', /steps to be a whole number from 1 to 100/);
    rejects(KLEIN_9B, { prompt: 'x', steps: 2.5 }, 'steps', /whole number/);
  });

  it('drops steps for Klein 4B (it has none) and checks its wider size range', () => {
    const logged: string[] = [];
    const logger = { debug() {}, info: (line: string) => logged.push(line), warn() {}, error() {} };
    assert.deepEqual(prepareModelInput(KLEIN_4B, { prompt: 'x', width: 2048, height: 64, steps: 25 }, logger), {
      prompt: 'x',
      width: 2048,
      height: 64,
    });
    assert.match(logged[0]!, /no "steps" input/);
    rejects(KLEIN_4B, { prompt: 'x', width: 4096 }, 'width', /from 64 to 2048/);
  });

  it('passes unknown models and extra inputs through untouched', () => {
    const input = { prompt: '', width: 99_999, anything: [1, 2] };
    assert.equal(prepareModelInput('acme/other/model', input), input);
    assert.deepEqual(prepareModelInput(KLEIN_9B, { prompt: 'x', seed: 7 }), { prompt: 'x', seed: 7 });
  });
});
