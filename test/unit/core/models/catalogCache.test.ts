import * as assert from 'node:assert/strict';
import { CATALOG_STALE_AFTER_MS, catalogRefreshDue, findCatalogModel, loadCatalog, storeCatalog } from '../../../../src/core/models/catalogCache';
import { formatPrice } from '../../../../src/core/models/price';
import { KLEIN_9B, parseCatalogModel } from '../../../../src/runcomfy';
import { DOUBLE_MODELS, DOUBLE_VIDEO } from '../../../support/doubleModels';

const fetched = DOUBLE_MODELS.map((m) => parseCatalogModel(m)!);
const day = CATALOG_STALE_AFTER_MS;

describe('catalog cache', () => {
  it('round-trips the fetched models through plain JSON with their fetch time', () => {
    const stored = JSON.parse(JSON.stringify(storeCatalog(fetched, 1_000)));
    const cache = loadCatalog(stored);
    assert.equal(cache.source, 'fetched');
    assert.equal(cache.fetchedAt, 1_000);
    assert.deepEqual(cache.models, fetched);
    assert.equal(findCatalogModel(cache, `/${DOUBLE_VIDEO}`)?.priceUnit, 'second');
  });

  it('falls back to the embedded snapshot when nothing usable is stored', () => {
    for (const stored of [undefined, null, 'x', { version: 99, fetchedAt: 1, models: [] }, { version: 1, fetchedAt: 1, models: [{ nope: 1 }] }]) {
      const cache = loadCatalog(stored);
      assert.equal(cache.source, 'snapshot');
      assert.ok(findCatalogModel(cache, KLEIN_9B)?.inputSchema);
    }
  });

  it('skips unreadable entries and keeps the rest', () => {
    const stored = storeCatalog(fetched.slice(0, 2), 5);
    stored.models.push({ model_id: 42 }, { display_name: 'no id' });
    assert.equal(loadCatalog(stored).models.length, 2);
  });

  it('is due for a refresh when missing, after a day, or when the clock went back', () => {
    const cache = loadCatalog(storeCatalog(fetched, 10 * day));
    assert.equal(catalogRefreshDue(loadCatalog(undefined), 0), 'missing');
    assert.equal(catalogRefreshDue(cache, 10 * day + day - 1), false);
    assert.equal(catalogRefreshDue(cache, 11 * day), 'stale');
    assert.equal(catalogRefreshDue(cache, 9 * day), 'stale');
    assert.equal(catalogRefreshDue(cache, 10 * day + 60_000, 30_000), 'stale');
  });
});

describe('catalog prices', () => {
  it('reads per image, per second, and never turns a missing price into free', () => {
    assert.equal(formatPrice({ basePriceUsd: 0.012, priceUnit: 'output' }), '$0.012 per image');
    assert.equal(formatPrice({ basePriceUsd: 0.57, priceUnit: 'second' }), '$0.57 per second');
    assert.equal(formatPrice({ basePriceUsd: 0.5 }), '$0.50 per request');
    assert.equal(formatPrice({ basePriceUsd: 0 , priceUnit: 'output' }), '$0.00 per image');
    assert.equal(formatPrice({}), 'price unknown');
    assert.equal(parseCatalogModel({ model_id: 'a/b', base_price_usd: -1 })!.basePriceUsd, undefined);
    assert.equal(parseCatalogModel({ model_id: 'a/b', base_price_usd: 'free' })!.basePriceUsd, undefined);
    assert.equal(parseCatalogModel({ model_id: 'a/b', base_price_usd: '0.25' })!.basePriceUsd, 0.25);
    assert.deepEqual(parseCatalogModel({ model_id: 'a/b', categories: ['text-to-image', null, 3, ' x '] })!.categories, ['text-to-image', 'x']);
    assert.equal(parseCatalogModel({ display_name: 'no id' }), undefined);
  });
});
