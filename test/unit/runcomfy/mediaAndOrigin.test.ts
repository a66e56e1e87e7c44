import * as assert from 'node:assert/strict';
import { detectMediaType, isLoopbackUrl, isSameOrigin } from '../../../src/runcomfy';
import { requestEndpointUrl, submitUrl } from '../../../src/runcomfy/origin';
import { gradientPng, sampleGif, sampleHtml, sampleJpeg, sampleMp4, sampleWebm, sampleWebp } from '../../support/sampleMedia';

describe('detectMediaType', () => {
  it('recognises each supported format by its magic number', () => {
    const cases: [Buffer, string][] = [
      [gradientPng(2, 2), 'png'],
      [sampleJpeg, 'jpg'],
      [sampleWebp, 'webp'],
      [sampleGif, 'gif'],
      [sampleMp4, 'mp4'],
      [sampleWebm, 'webm'],
    ];
    for (const [bytes, extension] of cases) assert.equal(detectMediaType(bytes)?.extension, extension);
  });

  it('rejects HTML, a RIFF that is not WebP, and too few bytes', () => {
    assert.equal(detectMediaType(sampleHtml), undefined);
    assert.equal(detectMediaType(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), undefined);
    assert.equal(detectMediaType(Buffer.from([0x89, 0x50])), undefined);
  });
});

describe('origin rules', () => {
  const base = new URL('https://model-api.runcomfy.net');

  it('knows loopback hosts', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://127.5.0.1', 'http://localhost:3000', 'http://[::1]:9000']) {
      assert.ok(isLoopbackUrl(url), url);
    }
    for (const url of ['http://128.0.0.1', 'https://model-api.runcomfy.net', 'http://localhost.evil.com', 'http://[::2]']) {
      assert.ok(!isLoopbackUrl(url), url);
    }
  });

  it('uses returned URLs only on the API origin', () => {
    const same = 'https://model-api.runcomfy.net/v1/requests/abc/status?x=1';
    assert.equal(requestEndpointUrl(base, 'abc', 'status', same).href, same);
    assert.equal(
      requestEndpointUrl(base, 'abc', 'status', 'https://evil.example/v1/requests/abc/status').href,
      'https://model-api.runcomfy.net/v1/requests/abc/status',
    );
    assert.ok(!isSameOrigin('http://model-api.runcomfy.net', base), 'scheme is part of the origin');
    assert.ok(!isSameOrigin('https://model-api.runcomfy.net:8443', base), 'port is part of the origin');
  });

  it('builds paths under a base URL with a path, escaping ids but keeping model slashes', () => {
    const proxied = new URL('https://proxy.example/runcomfy');
    assert.equal(requestEndpointUrl(proxied, 'a/b', 'result').href, 'https://proxy.example/runcomfy/v1/requests/a%2Fb/result');
    assert.equal(
      submitUrl(base, 'blackforestlabs/flux-2-klein/9b/text-to-image').href,
      'https://model-api.runcomfy.net/v1/models/blackforestlabs/flux-2-klein/9b/text-to-image',
    );
  });
});
