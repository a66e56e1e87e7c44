import * as assert from 'node:assert/strict';
import { GenerationFailedError, UnexpectedResponseError } from '../../../src/runcomfy';
import { KLEIN_9B, startHarness, type Harness } from './clientHarness';

/** A token with the characters that change between its raw, URL-encoded and JSON-escaped forms. */
const TOKEN = 'rc-tok"en%2F/+\\42&x';

function assertClean(text: string): void {
  for (const form of [TOKEN, encodeURIComponent(TOKEN), JSON.stringify(TOKEN).slice(1, -1)]) {
    assert.ok(!text.includes(form), `leaks ${form} in: ${text}`);
  }
  assert.ok(text.includes('«token»'), text);
}

describe('RunComfy client: the token never reaches a message it builds', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ token: TOKEN }, { getToken: () => `${TOKEN}\r` });
  });
  afterEach(() => h.dispose());

  it('a failure reason that echoes the token is cleaned in the error, its reason and the result', async () => {
    const error = await h.client.run(KLEIN_9B, { prompt: '[scenario:echo-token] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof GenerationFailedError, String(error));
    assertClean(error.message);
    assertClean(error.reason);
    const result = await h.client.result(error.requestId!);
    assert.equal(result.state, 'failed');
    assertClean(result.state === 'failed' ? result.reason : '');
    const status = await h.client.status(error.requestId!);
    assert.equal(status.state, 'completed');
  });

  it('a reply that is not JSON and quotes the header (JSON-escaped) and the token (URL-encoded) is cleaned', async () => {
    const error = await h.client.run(KLEIN_9B, { prompt: '[scenario:echo-token-text] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof UnexpectedResponseError, String(error));
    assertClean(error.message);
    assert.match(error.message, /Bearer «token»/);
  });
});
