import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/core/settings';

describe('parseSettings', () => {
  it('uses the defaults when nothing is set', () => {
    const warnings: string[] = [];
    assert.deepEqual(parseSettings({}, (m) => warnings.push(m)), DEFAULT_SETTINGS);
    assert.deepEqual(warnings, []);
  });

  it('falls back per key and says which value was rejected', () => {
    const warnings: string[] = [];
    const settings = parseSettings({ width: 'wide', height: 768, maxConcurrentJobs: 0, provider: 'offline' }, (m) => warnings.push(m));
    assert.equal(settings.width, 1024);
    assert.equal(settings.height, 768);
    assert.equal(settings.maxConcurrentJobs, 4);
    assert.equal(settings.provider, 'offline');
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /runcomfy\.width = "wide" is invalid.*using 1024/);
    assert.match(warnings[1]!, /runcomfy\.maxConcurrentJobs = 0/);
  });

  it('refuses a base URL that is not http(s)', () => {
    const warnings: string[] = [];
    assert.equal(parseSettings({ baseUrl: 'file:///etc/passwd' }, (m) => warnings.push(m)).baseUrl, DEFAULT_SETTINGS.baseUrl);
    assert.equal(parseSettings({ baseUrl: 'http://127.0.0.1:8080' }, () => undefined).baseUrl, 'http://127.0.0.1:8080');
    assert.equal(warnings.length, 1);
  });

  it('clamps jobTimeoutMinutes and maxDownloadMegabytes into their ranges, saying so', () => {
    const warnings: string[] = [];
    const settings = parseSettings({ jobTimeoutMinutes: 100_000, maxDownloadMegabytes: 1e9 }, (m) => warnings.push(m));
    assert.equal(settings.jobTimeoutMinutes, 10_080);
    assert.equal(settings.maxDownloadMegabytes, 2048);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /runcomfy\.jobTimeoutMinutes = 100000 is outside 1–10080; using 10080/);
    assert.match(warnings[1]!, /runcomfy\.maxDownloadMegabytes = 1000000000 is outside 1–2048; using 2048/);
    assert.equal(parseSettings({ jobTimeoutMinutes: 0.1 }, () => undefined).jobTimeoutMinutes, 1);
    assert.equal(parseSettings({ jobTimeoutMinutes: 'soon' }, () => undefined).jobTimeoutMinutes, 30);
    assert.equal(parseSettings({ maxDownloadMegabytes: 200 }, () => undefined).maxDownloadMegabytes, 200);
  });

  it('accepts only model ids of owner/…/name segments without . or ..', () => {
    for (const model of ['x/../../../v1/requests/ID/cancel', 'a/./b', 'a b/c', 'a/b?c', 'nothing']) {
      const warnings: string[] = [];
      assert.equal(parseSettings({ model }, (m) => warnings.push(m)).model, DEFAULT_SETTINGS.model, model);
      assert.match(warnings[0]!, /runcomfy\.model .*owner\/family\/variant/);
    }
    assert.equal(parseSettings({ model: ' bfl/flux.2_klein-4b/t2i ' }, () => undefined).model, 'bfl/flux.2_klein-4b/t2i');
  });

  it('accepts plain http only for a loopback base URL', () => {
    const warnings: string[] = [];
    assert.equal(parseSettings({ baseUrl: 'http://model-api.runcomfy.net' }, (m) => warnings.push(m)).baseUrl, DEFAULT_SETTINGS.baseUrl);
    assert.match(warnings[0]!, /runcomfy\.baseUrl .*plain http is allowed only for localhost, 127\.0\.0\.1 or ::1; use https/);
    for (const baseUrl of ['http://localhost:8080', 'http://[::1]:9', 'https://proxy.example/api']) {
      assert.equal(parseSettings({ baseUrl }, () => undefined).baseUrl, baseUrl);
    }
  });
});
