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
});
