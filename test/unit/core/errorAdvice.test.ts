import * as assert from 'node:assert/strict';
import { OutsideWorkspaceError } from '../../../src/core/files/containment';
import { adviseOnError } from '../../../src/core/errorAdvice';
import {
  GenerationFailedError,
  InsufficientBalanceError,
  InvalidInputError,
  NetworkError,
  RunComfyAuthError,
  TimeoutError,
} from '../../../src/runcomfy';

describe('adviseOnError', () => {
  it('offers "Set API Token" for a rejected token', () => {
    const advice = adviseOnError(new RunComfyAuthError('401 Unauthorized', { status: 401 }));
    assert.deepEqual(advice.actions, ['setToken']);
    assert.match(advice.message, /rejected the API token/);
  });

  it("passes the server's reason through for failed generations", () => {
    const advice = adviseOnError(new GenerationFailedError('the prompt was flagged by the content policy'));
    assert.match(advice.message, /could not generate the image: the prompt was flagged/);
    assert.ok(advice.actions.includes('retry'));
  });

  it('keeps the field and range of invalid input, and offers the settings', () => {
    const advice = adviseOnError(new InvalidInputError('width 2000 is outside 512–1536.', { field: 'width' }));
    assert.equal(advice.message, 'width 2000 is outside 512–1536.');
    assert.deepEqual(advice.actions, ['openSettings']);
  });

  it('points a timed-out job at Show Generation Jobs, where its result can still be fetched', () => {
    assert.deepEqual(adviseOnError(new TimeoutError('Stopped waiting', { requestId: 'r1' })).actions, ['showJobs']);
  });

  it('has an answer for balance, network, containment and anything unknown', () => {
    assert.match(adviseOnError(new InsufficientBalanceError('402')).message, /balance is too low/);
    assert.deepEqual(adviseOnError(new NetworkError('ECONNREFUSED')).actions, ['retry', 'showLog']);
    assert.deepEqual(adviseOnError(new OutsideWorkspaceError('/etc/passwd')).actions, ['openSettings']);
    assert.match(adviseOnError(new Error('disk full')).message, /^Image generation failed: disk full$/);
  });
});
