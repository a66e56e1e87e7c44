import * as assert from 'node:assert/strict';
import { catalogRefreshAdvice } from '../../../../src/core/models/catalogAdvice';
import { NetworkError, RunComfyAuthError, ServerError } from '../../../../src/runcomfy/errors';

describe('what Refresh Model Catalog says when it fails', () => {
  const snapshot = { source: 'snapshot' as const };
  const fetched = { source: 'fetched' as const, fetchedAt: Date.UTC(2026, 10, 30, 12) };

  it('offers to set a token when none is set or RunComfy rejected it', () => {
    assert.deepEqual(catalogRefreshAdvice('no-token', snapshot), {
      message: 'Refreshing the model catalog needs a RunComfy API token. The models built into the extension are listed meanwhile.',
      offerToken: true,
    });
    assert.deepEqual(catalogRefreshAdvice(new RunComfyAuthError('401'), fetched), {
      message: 'RunComfy rejected the API token, so the model catalog could not be refreshed. The list from 2026-11-30 is used meanwhile.',
      offerToken: true,
    });
  });

  it('says offline when RunComfy cannot be reached, and busy on server errors, without a token button', () => {
    assert.deepEqual(catalogRefreshAdvice(new NetworkError('ECONNREFUSED'), fetched), {
      message: 'Could not reach RunComfy (are you offline?). The list from 2026-11-30 is used meanwhile.',
      offerToken: false,
    });
    assert.equal(catalogRefreshAdvice(new ServerError('503'), snapshot).offerToken, false);
    assert.match(catalogRefreshAdvice(new Error('odd'), snapshot).message, /^Could not refresh the model catalog: odd\. The models built/);
  });
});
