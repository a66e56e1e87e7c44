import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveDestination, resolveDestinationWithRule } from '../../../../src/core/files/destination';

const ws = path.resolve('/work/site');
const doc = path.join(ws, 'docs', 'guide', 'intro.md');
const base = { workspaceFolder: ws, fileName: 'cozy-cafe.png', now: new Date(2026, 10, 25, 9, 30) };

describe('core/destination', () => {
  it('a leading / means the workspace folder, a trailing / a folder', () => {
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '/assets/generated/' }), path.join(ws, 'assets/generated/cozy-cafe.png'));
  });
  it('anything else is relative to the document folder', () => {
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: 'img/' }), path.join(ws, 'docs/guide/img/cozy-cafe.png'));
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '../shared/${fileName}' }), path.join(ws, 'docs/shared/cozy-cafe.png'));
  });
  it('without a document, relative templates start at the workspace folder', () => {
    assert.equal(resolveDestination({ ...base, template: 'img/' }), path.join(ws, 'img/cozy-cafe.png'));
  });
  it('a template without a trailing slash names the file itself', () => {
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '/media/${documentBaseName}-${fileName}' }), path.join(ws, 'media/intro-cozy-cafe.png'));
  });
  it('reads runcomfy.destination without trailing slash or file name as a folder', () => {
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '/assets/images' }), path.join(ws, 'assets/images/cozy-cafe.png'));
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '/assets/${documentBaseName}' }), path.join(ws, 'assets/intro/cozy-cafe.png'));
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '/assets/hero.png' }), path.join(ws, 'assets/hero.png'));
  });
  it('leaves markdown.copyFiles.destination exactly as VS Code reads it', () => {
    const rules = { '**/*.md': '/assets/images' };
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '/x/', markdownCopyFilesDestination: rules }), path.join(ws, 'assets/images'));
  });
  it('an empty template means next to the document', () => {
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '  ' }), path.join(ws, 'docs/guide/cozy-cafe.png'));
  });
  it('expands every variable', () => {
    const template = '/out/${documentRelativeDirName}/${documentBaseName}.${documentExtName}/${isoDate}/${fileExtName}/${fileName}';
    assert.equal(resolveDestination({ ...base, documentPath: doc, template }), path.join(ws, 'out/docs/guide/intro.md/2026-11-25/png/cozy-cafe.png'));
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '${documentWorkspaceFolder}/x/' }), path.join(ws, 'x/cozy-cafe.png'));
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '${documentDirName}/x/' }), path.join(ws, 'docs/guide/x/cozy-cafe.png'));
  });
  it('keeps \\${ literal and unknown variables as written, like VS Code', () => {
    assert.equal(resolveDestination({ ...base, documentPath: doc, template: '/a/\\${fileName}/${nope}/' }), path.join(ws, 'a/${fileName}/${nope}/cozy-cafe.png'));
  });
  it('applies ${name/regex/replacement/} transforms', () => {
    const template = '/assets/${documentRelativeDirName/^docs\\/(.*)$/$1/}/';
    assert.equal(resolveDestination({ ...base, documentPath: doc, template }), path.join(ws, 'assets/guide/cozy-cafe.png'));
  });

  describe('markdown.copyFiles.destination', () => {
    it('the first matching glob wins over later ones and over runcomfy.destination', () => {
      const result = resolveDestinationWithRule({
        ...base,
        documentPath: doc,
        template: '/assets/generated/',
        markdownCopyFilesDestination: { '/blog/**/*': '/never/', '**/*.md': 'media/', 'docs/**': '/late/' },
      });
      assert.equal(result.path, path.join(ws, 'docs/guide/media/cozy-cafe.png'));
      assert.deepEqual(result.rule, { source: 'markdown.copyFiles.destination', glob: '**/*.md', template: 'media/' });
    });
    it('anchors globs with a leading / to the workspace folder', () => {
      const rules = { '/docs/**/*': '/images/${documentRelativeDirName}/' };
      assert.equal(resolveDestination({ ...base, documentPath: doc, template: '/x/', markdownCopyFilesDestination: rules }), path.join(ws, 'images/docs/guide/cozy-cafe.png'));
      const other = path.join(ws, 'blog', 'post.md');
      assert.equal(resolveDestination({ ...base, documentPath: other, template: '/x/', markdownCopyFilesDestination: rules }), path.join(ws, 'x/cozy-cafe.png'));
    });
    it('matches relative globs at any depth', () => {
      const result = resolveDestinationWithRule({ ...base, documentPath: doc, template: '/x/', markdownCopyFilesDestination: { 'guide/*.md': './pics/' } });
      assert.equal(result.path, path.join(ws, 'docs/guide/pics/cozy-cafe.png'));
    });
    it('falls back to runcomfy.destination when no glob matches or there is no document', () => {
      const rules = { '*.txt': '/never/' };
      const result = resolveDestinationWithRule({ ...base, documentPath: doc, template: '/assets/', markdownCopyFilesDestination: rules });
      assert.deepEqual(result.rule, { source: 'runcomfy.destination', template: '/assets/' });
      assert.equal(resolveDestination({ ...base, template: '/assets/', markdownCopyFilesDestination: { '**/*': '/never/' } }), path.join(ws, 'assets/cozy-cafe.png'));
    });
  });
});

describe('core/destination: rules from settings cannot freeze or break it', () => {
  const slowName = `${'a'.repeat(40)}!.png`;

  it('a catastrophic ${var/regex/…/} returns within the bound, leaves the value and warns', () => {
    const warnings: string[] = [];
    const started = performance.now();
    const target = resolveDestination({ ...base, fileName: slowName, template: '/img/${fileName/(a+)+$/x/}', warn: (m) => warnings.push(m) });
    const elapsedMs = performance.now() - started;
    assert.equal(target, path.join(ws, 'img', slowName));
    assert.ok(elapsedMs < 500, `took ${elapsedMs} ms`);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /runcomfy\.destination: \$\{fileName\/\(a\+\)\+\$\/x\/\} left as \$\{fileName\}: it took longer than 100 ms/);
  });

  it('an invalid ${var/regex/…/} warns and leaves the value', () => {
    const warnings: string[] = [];
    const target = resolveDestination({ ...base, template: '/img/${fileName/[z-a]/x/}', warn: (m) => warnings.push(m) });
    assert.equal(target, path.join(ws, 'img', 'cozy-cafe.png'));
    assert.match(warnings[0]!, /not a valid regular expression/);
  });

  it('a markdown.copyFiles.destination glob that is invalid is skipped with a warning; later rules still apply', () => {
    const warnings: string[] = [];
    const rules = { '[z-a]/*.md': '/bad/', '**/*.md': '/good/' };
    const result = resolveDestinationWithRule({ ...base, documentPath: doc, template: '/x/', markdownCopyFilesDestination: rules, warn: (m) => warnings.push(m) });
    assert.equal(result.path, path.join(ws, 'good/cozy-cafe.png'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /markdown\.copyFiles\.destination: skipping the rule "\[z-a\]\/\*\.md"/);
  });

  it('a markdown.copyFiles.destination glob that backtracks forever is skipped within the bound', () => {
    const warnings: string[] = [];
    const deep = path.join(ws, `${'a'.repeat(60)}.md`);
    const rules = { [`${'*a'.repeat(12)}*b.md`]: '/bad/' };
    const started = performance.now();
    const result = resolveDestinationWithRule({ ...base, documentPath: deep, template: '/x/', markdownCopyFilesDestination: rules, warn: (m) => warnings.push(m) });
    assert.ok(performance.now() - started < 500);
    assert.equal(result.rule.source, 'runcomfy.destination');
    assert.match(warnings[0]!, /skipping the rule .*took longer than 100 ms/);
  });
});
