import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readPngSize } from '../../src/core/images/png';
import { manifest, packed, repoRoot as root, walkthroughs } from '../support/packagedFiles';

// The Marketplace listing, as package.json declares it and the .vsix packs it.

describe('Marketplace listing (package.json)', () => {
  it('has a 128×128 PNG icon that is packed', () => {
    const size = readPngSize(readFileSync(path.join(root, manifest.icon)));
    assert.deepEqual(size, { width: 128, height: 128 });
    assert.ok(packed(manifest.icon), `${manifest.icon} is packed (.vscodeignore)`);
  });

  it('has a gallery banner, fitting categories, keywords, and where to find the source and report bugs', () => {
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.deepEqual(manifest.categories.filter((c: string) => ['AI', 'Visualization'].includes(c)).sort(), ['AI', 'Visualization']);
    // The Marketplace takes at most 30 keywords; vsce refuses more.
    assert.ok(manifest.keywords.length >= 5 && manifest.keywords.length <= 30, `${manifest.keywords.length} keywords`);
    assert.ok(manifest.keywords.includes('image generation'));
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    const repositoryPage = manifest.repository.url.replace(/\.git$/, '');
    assert.equal(manifest.bugs.url, `${repositoryPage}/issues`);
    assert.ok(manifest.homepage.startsWith(repositoryPage));
    assert.ok(manifest.description.length > 0 && manifest.description.length <= 200, 'a description that fits the listing card');
  });

  it('packs only the images the walkthrough or the README reference', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const referenced = new Set([manifest.icon, ...walkthroughs.flatMap((w) => w.steps.map((s) => s.media.image))]);
    const media = readdirSync(path.join(root, 'media'), { recursive: true, encoding: 'utf8' })
      .map((file) => `media/${file.split(path.sep).join('/')}`)
      .filter((file) => /\.(png|jpe?g|gif|webp)$/.test(file) && packed(file));
    assert.deepEqual(media.filter((file) => !referenced.has(file) && !readme.includes(file)), []);
  });
});
