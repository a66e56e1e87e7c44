import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodePng } from '../../../../src/core/images/png';
import { dataUriLength, imageDataUri, parseDataUri } from '../../../../src/core/references/dataUri';
import { editResultBaseName } from '../../../../src/core/references/editNames';
import { DEFAULT_MAX_REFERENCES, imageInputFields, referenceField } from '../../../../src/core/references/imageFields';
import { encodeReferences, readReferences, referencePlan, ReferenceImageError } from '../../../../src/core/references/referenceFiles';
import { normaliseInputSchema } from '../../../../src/runcomfy/inputSchema';
import { DOUBLE_EDIT, DOUBLE_KLEIN_9B, DOUBLE_MODELS, DOUBLE_WORKFLOW } from '../../../support/doubleModels';

const schemaOf = (id: string) => normaliseInputSchema(DOUBLE_MODELS.find((model) => model.model_id === id)!.input_schema);

describe('image input fields', () => {
  it('finds image inputs by format, whatever they are called, with their item limits', () => {
    const [field] = imageInputFields(schemaOf(DOUBLE_EDIT));
    assert.equal(field?.field.name, 'image_urls');
    assert.deepEqual([field?.multiple, field?.minItems, field?.maxItems], [true, 1, 10]);
    assert.equal(referenceField(schemaOf(DOUBLE_WORKFLOW))?.field.name, 'image');
    assert.equal(referenceField(schemaOf(DOUBLE_WORKFLOW))?.multiple, false);
  });

  it('finds none in a text-to-image model, and never by name alone', () => {
    assert.equal(referenceField(schemaOf(DOUBLE_KLEIN_9B)), undefined);
    const named = normaliseInputSchema({ properties: { image_urls: { type: 'array', items: { type: 'string' } } } });
    assert.deepEqual(imageInputFields(named), []);
  });

  it('prefers the required image input and allows 16 where no maxItems is published', () => {
    const schema = normaliseInputSchema({
      required: ['images'],
      properties: {
        mask: { type: 'string', format: 'image_uri' },
        images: { type: 'array', format: 'image_uris', items: { type: 'string', format: 'image_uri' } },
      },
    });
    const field = referenceField(schema);
    assert.equal(field?.field.name, 'images');
    assert.equal(field?.maxItems, DEFAULT_MAX_REFERENCES);
  });
});

describe('data URIs', () => {
  it('encodes bytes as base64 with the MIME type, and decodes them back intact', () => {
    const bytes = encodePng(new Uint8Array(3 * 4), 2, 2);
    const uri = imageDataUri(bytes, 'image/png');
    assert.ok(uri.startsWith('data:image/png;base64,iVBORw0KGgo'));
    assert.equal(uri.length, dataUriLength(bytes.length, 'image/png'));
    assert.deepEqual(parseDataUri(uri), { mime: 'image/png', bytes: Buffer.from(bytes) });
    assert.equal(parseDataUri('https://example.com/a.png'), undefined);
  });
});

describe('edit result names', () => {
  it('saves beside the original as <stem>-edit, and an edit of an edit continues the series', () => {
    assert.equal(editResultBaseName('/w/assets/hero.png'), 'hero-edit.png');
    assert.equal(editResultBaseName('/w/assets/product shot.jpeg'), 'product shot-edit.png');
    assert.equal(editResultBaseName('/w/hero-edit.png'), 'hero-edit.png');
    assert.equal(editResultBaseName('/w/hero-edit-3.webp'), 'hero-edit.png');
    assert.equal(editResultBaseName('/w/.png'), '.png-edit.png');
  });
});

describe('reading references from the workspace', () => {
  let workspace: string;
  const field = () => referenceField(schemaOf(DOUBLE_EDIT))!;

  beforeEach(async () => {
    workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'refs-')));
  });
  afterEach(() => fs.rm(workspace, { recursive: true, force: true }));

  it('puts each image into the field as a data URI, never its path', async () => {
    const hero = path.join(workspace, 'hero.png');
    await fs.writeFile(hero, encodePng(new Uint8Array(3 * 64 * 48), 64, 48));
    const input = await encodeReferences({ prompt: 'stormy sky' }, referencePlan(field(), 'Edit', [hero]), [workspace]);
    const uris = input.image_urls as string[];
    assert.equal(uris.length, 1);
    assert.deepEqual(parseDataUri(uris[0]!)?.bytes, await fs.readFile(hero));
    assert.ok(!JSON.stringify(input).includes(workspace));
  });

  it('refuses a file outside the workspace, also through a symlink', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'));
    try {
      await fs.writeFile(path.join(outside, 'secret.png'), encodePng(new Uint8Array(3), 1, 1));
      await fs.symlink(path.join(outside, 'secret.png'), path.join(workspace, 'link.png'));
      for (const file of [path.join(outside, 'secret.png'), path.join(workspace, 'link.png')]) {
        await assert.rejects(readReferences(referencePlan(field(), 'Edit', [file]), { workspaceFolders: [workspace] }), (error: unknown) => {
          assert.ok(error instanceof ReferenceImageError);
          assert.match(error.message, /is outside the workspace; only workspace images are sent as references\./);
          return true;
        });
      }
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses a missing file and a file over the cap without reading it whole', async () => {
    await assert.rejects(readReferences(referencePlan(field(), 'Edit', [path.join(workspace, 'gone.png')]), { workspaceFolders: [workspace] }), /gone\.png cannot be read/);
    const big = path.join(workspace, 'big.png');
    await fs.writeFile(big, encodePng(new Uint8Array(3 * 4), 2, 2));
    await fs.truncate(big, 7 * 1024 * 1024);
    await assert.rejects(
      readReferences(referencePlan(field(), 'Edit', [big]), { workspaceFolders: [workspace] }),
      /^ReferenceImageError: big\.png is 7 MiB; RunComfy takes at most 6 MiB per image \(1 MiB too large\)\.$/,
    );
  });

  it("refuses more images than the field's maxItems before reading any", async () => {
    const paths = Array.from({ length: 11 }, (_, i) => path.join(workspace, `${i}.png`));
    await assert.rejects(readReferences(referencePlan(field(), 'Nano Banana 2 Lite Edit', paths), { workspaceFolders: [workspace] }), /takes at most 10 images; 11 were given \(1 too many\)/);
  });
});
