import * as assert from 'node:assert/strict';
import {
  InsufficientBalanceError,
  InvalidInputError,
  RateLimitedError,
  RequestExpiredError,
  RunComfyAuthError,
  ServerError,
  UnexpectedResponseError,
  UnknownModelError,
} from '../../../src/runcomfy';
import type { HttpResponse } from '../../../src/runcomfy/http';
import { errorForResponse, readErrorBody, readJsonBody, type ResponseContext } from '../../../src/runcomfy/responses';
import { jobBodySchema, jobResultOf, jobStatusOf, outputFilesOf } from '../../../src/runcomfy/schemas';

const reply = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const submit: ResponseContext = { operation: 'submit', model: 'acme/model' };
const poll: ResponseContext = { operation: 'poll', requestId: 'r1' };
const job = (body: unknown) => jobBodySchema.parse(body);

describe('response bodies', () => {
  it('normalises every status spelling, in any case', () => {
    const states = ['in_queue', 'IN_QUEUE', 'in_progress', 'In-Progress', 'completed', 'succeeded', 'failed', 'cancelled', 'canceled', 'mystery'].map(
      (status) => jobStatusOf(job({ status })).state,
    );
    assert.deepEqual(states, ['queued', 'queued', 'running', 'running', 'completed', 'completed', 'failed', 'cancelled', 'cancelled', 'running']);
    assert.deepEqual(jobStatusOf(job({ status: 'in_queue', queue_position: '3' })), { state: 'queued', queuePosition: 3 });
  });

  it('decides success from the result record and reads failure reasons in every shape', () => {
    assert.equal(jobResultOf(job({ status: 'succeeded', output: {} }), 'r').state, 'succeeded');
    assert.equal(jobResultOf(job({ status: 'in_progress' }), 'r').state, 'pending');
    const reasons = [
      { status: 'failed', error: 'NSFW' },
      { status: 'failed', error: { type: 'content_policy', message: 'NSFW' } },
      { status: 'failed', error_message: 'NSFW' },
      { status: 'FAILED', message: 'NSFW' },
    ].map((body) => jobResultOf(job(body), 'r'));
    for (const result of reasons) assert.deepEqual(result, { state: 'failed', requestId: 'r', reason: 'NSFW', createdAt: undefined, finishedAt: undefined });
    assert.equal(jobResultOf(job({ id: 'from-id', status: 'cancelled' }), 'r').requestId, 'from-id');
  });

  it('collects output URLs from image, images, video, videos and any other key, ignoring non-URLs', () => {
    const files = outputFilesOf({
      thumbnails: ['https://cdn.example/t.png'],
      videos: ['https://cdn.example/a.mp4', 'https://cdn.example/b.mp4'],
      image: 'https://cdn.example/i.png',
      seed: 42,
      caption: 'not a url',
      masks: [{ url: 'https://cdn.example/m.png' }],
      local: 'file:///etc/passwd',
    });
    assert.deepEqual(
      files.map((file) => `${file.key} ${file.url}`),
      [
        'image https://cdn.example/i.png',
        'videos https://cdn.example/a.mp4',
        'videos https://cdn.example/b.mp4',
        'thumbnails https://cdn.example/t.png',
        'masks https://cdn.example/m.png',
      ],
    );
  });

  it('reads error messages from error_message, message, error (string or object) and detail', () => {
    assert.equal(readErrorBody({ error_message: 'a' }).message, 'a');
    assert.equal(readErrorBody({ message: 'b' }).message, 'b');
    assert.equal(readErrorBody({ error: 'c' }).message, 'c');
    assert.equal(readErrorBody({ error: { type: 't', message: 'd' } }).message, 'd');
    assert.equal(readErrorBody({ detail: 'e' }).message, 'e');
    assert.deepEqual(readErrorBody({ detail: [{ loc: ['body', 'steps'], msg: 'too big', type: 'x' }] }), {
      code: undefined,
      message: 'too big',
      field: 'steps',
    });
    assert.equal(readErrorBody({ code: '400004' }).code, 400004);
  });
});

describe('response errors', () => {
  const cases: [HttpResponse, ResponseContext, new (...args: never[]) => Error][] = [
    [reply(401, {}), submit, RunComfyAuthError],
    [reply(403, {}), poll, RunComfyAuthError],
    [reply(400, { code: 400004, error: 'UserAccountError' }), submit, RunComfyAuthError],
    [reply(402, {}), submit, InsufficientBalanceError],
    [reply(400, { error_code: 400002 }), submit, InsufficientBalanceError],
    [reply(400, { error_code: 400001 }), submit, UnknownModelError],
    [reply(404, {}), submit, UnknownModelError],
    [reply(404, {}), poll, RequestExpiredError],
    [reply(404, { error_code: 404001 }), poll, RequestExpiredError],
    [reply(422, { detail: [{ loc: ['body', 'width'], msg: 'too big' }] }), submit, InvalidInputError],
    [reply(400, { error_message: 'bad' }), submit, InvalidInputError],
    [reply(429, {}, { 'retry-after': '7' }), poll, RateLimitedError],
    [reply(503, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }), poll, ServerError],
    [reply(418, 'teapot'), poll, UnexpectedResponseError],
  ];
  for (const [response, context, type] of cases) {
    it(`maps HTTP ${response.status} ${response.body.slice(0, 40)} on ${context.operation} to ${type.name}`, () => {
      assert.ok(errorForResponse(response, context) instanceof type);
    });
  }

  it('keeps Retry-After, the field and the request id on errors', () => {
    const limited = errorForResponse(reply(429, {}, { 'retry-after': '7' }), poll);
    assert.equal(limited.retryAfterMs, 7000);
    assert.equal(limited.requestId, 'r1');
    assert.equal(errorForResponse(reply(422, { detail: [{ loc: ['body', 'width'], msg: 'x' }] }), submit).field, 'width');
  });

  it('marks a 5xx on submit as possibly submitted, and not on a poll', () => {
    assert.equal(errorForResponse(reply(502, {}), submit).submitOutcomeUnknown, true);
    assert.equal(errorForResponse(reply(502, {}), poll).submitOutcomeUnknown, false);
  });

  it('treats error_code inside a 2xx body as an error, but not an innocent code field', () => {
    assert.throws(() => readJsonBody(reply(200, { error_code: 400004, error_message: 'x' }), jobBodySchema, poll), RunComfyAuthError);
    assert.throws(() => readJsonBody(reply(200, { error_code: 'E_BUSY' }), jobBodySchema, poll), InvalidInputError);
    assert.equal(readJsonBody(reply(200, { status: 'in_progress', code: 'ok' }), jobBodySchema, poll).status, 'in_progress');
    assert.equal(readJsonBody(reply(200, { status: 'in_progress', error_code: null }), jobBodySchema, poll).status, 'in_progress');
  });

  it('explains HTML and malformed bodies instead of crashing on them', () => {
    assert.throws(() => readJsonBody(reply(200, '<!DOCTYPE html><p>login</p>'), jobBodySchema, poll), /HTML page instead of JSON/);
    assert.throws(() => readJsonBody(reply(200, '{"status": "in_pro'), jobBodySchema, poll), /not valid JSON/);
    assert.throws(() => readJsonBody(reply(200, { nope: 1 }), jobBodySchema, poll), UnexpectedResponseError);
  });
});
