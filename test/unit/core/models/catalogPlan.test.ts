import * as assert from 'node:assert/strict';
import { CATALOG_STALE_AFTER_MS, loadCatalog, storeCatalog } from '../../../../src/core/models/catalogCache';
import { CATALOG_RETRY_AFTER_MS, MAX_STORED_MODELS, catalogFetchPlan, isImageModel, isStale, mayRetry, storedModel, storeModel } from '../../../../src/core/models/catalogPlan';
import { modelLabel } from '../../../../src/core/models/modelLabel';
import { parseCatalogModel } from '../../../../src/runcomfy';
import { DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_FLASH, DOUBLE_KLEIN_4B, DOUBLE_KLEIN_9B, DOUBLE_LORA, DOUBLE_MODELS, DOUBLE_UNPRICED } from '../../../support/doubleModels';

const models = DOUBLE_MODELS.map((m) => parseCatalogModel(m)!);
const day = CATALOG_STALE_AFTER_MS;
const byId = (id: string) => models.find((m) => m.modelId === id)!;

describe('editor catalog decisions', () => {
  it('keeps text-to-image and image-to-image models, not video models or workflows', () => {
    assert.deepEqual(
      models.filter(isImageModel).map((m) => m.modelId),
      [DOUBLE_KLEIN_9B, DOUBLE_KLEIN_4B, DOUBLE_FLASH, DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_LORA, DOUBLE_UNPRICED],
    );
    assert.ok(isImageModel({ categories: ['reference-to-image'] }));
    assert.ok(isImageModel({ categories: ['Image-Edit'], kind: 'model' }));
    assert.ok(!isImageModel({ categories: [] }));
  });

  it('waits for the first fetch, refreshes a day-old list in the background and leaves a fresh one alone', () => {
    const snapshot = loadCatalog(undefined);
    const fetched = loadCatalog(storeCatalog(models, 10 * day));
    assert.equal(catalogFetchPlan(snapshot, 0, true), 'fetch-and-wait');
    assert.equal(catalogFetchPlan(fetched, 10 * day + day - 1, true), 'use-cache');
    assert.equal(catalogFetchPlan(fetched, 11 * day, true), 'refresh-in-background');
    assert.equal(catalogFetchPlan(fetched, 9 * day, true), 'refresh-in-background', 'a clock that went back');
  });

  it('serves the snapshot or the cache without a token, and does not retry a failed fetch at once', () => {
    const snapshot = loadCatalog(undefined);
    assert.equal(catalogFetchPlan(snapshot, 0, false), 'use-cache');
    assert.equal(catalogFetchPlan(loadCatalog(storeCatalog(models, 0)), 5 * day, false), 'use-cache');
    assert.equal(catalogFetchPlan(snapshot, 1_000 + CATALOG_RETRY_AFTER_MS - 1, true, 1_000), 'use-cache');
    assert.equal(catalogFetchPlan(snapshot, 1_000 + CATALOG_RETRY_AFTER_MS, true, 1_000), 'fetch-and-wait');
    assert.ok(mayRetry(undefined, 0));
    assert.ok(mayRetry(10_000, 5_000), 'a clock that went back allows a new try');
  });

  it('keeps single models with their schema and fetch time, stale after a day, newest first within a cap', () => {
    let stored = JSON.parse(JSON.stringify(storeModel(undefined, byId(DOUBLE_FLASH), 1_000)));
    const entry = storedModel(stored, DOUBLE_FLASH, 1_000 + day - 1)!;
    assert.deepEqual(entry.model, byId(DOUBLE_FLASH));
    assert.equal(entry.stale, false);
    assert.equal(storedModel(stored, DOUBLE_FLASH, 1_000 + day)?.stale, true);
    assert.equal(storedModel(stored, DOUBLE_KLEIN_9B, 0), undefined);
    assert.equal(storedModel({ [DOUBLE_FLASH]: { fetchedAt: 'x', model: {} } }, DOUBLE_FLASH, 0), undefined);
    for (let i = 0; i < MAX_STORED_MODELS + 5; i++) stored = storeModel(stored, { ...byId(DOUBLE_KLEIN_4B), modelId: `m/${i}` }, 2_000 + i);
    assert.equal(Object.keys(stored).length, MAX_STORED_MODELS);
    assert.equal(storedModel(stored, DOUBLE_FLASH, 0), undefined, 'the oldest went first');
    assert.ok(storedModel(stored, `m/${MAX_STORED_MODELS + 4}`, 0));
  });

  it('calls something stale after a day or when it was fetched in the future', () => {
    assert.equal(isStale(0, day - 1), false);
    assert.equal(isStale(0, day), true);
    assert.equal(isStale(10, 5), true);
  });

  it('names a model by its display name with the id beside it', () => {
    assert.equal(modelLabel(DOUBLE_FLASH, byId(DOUBLE_FLASH)), `FLUX.2 Flash (${DOUBLE_FLASH})`);
    assert.equal(modelLabel('someone/else'), 'someone/else');
  });
});
