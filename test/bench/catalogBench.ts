/**
 * Catalog figures, each per call: loading the catalog from its cache (a stored catalog of 400 models with
 * schemas, as the editor's global state would hold it), building a model's validator from its published
 * schema (normalise + `z.fromJSONSchema`; the first build also loads zod), and mapping a request to a body
 * (size mapping, builder, check). Run with `npm run bench`, or alone: `node out/test/bench/catalogBench.js`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findCatalogModel, loadCatalog, storeCatalog } from '../../src/core/models/catalogCache';
import { catalogFetchPlan, isImageModel, storedModel, storeModel } from '../../src/core/models/catalogPlan';
import { buildRequestBody } from '../../src/core/models/requestBody';
import { parseCatalogModel, type CatalogModel } from '../../src/runcomfy/catalog';
import { normaliseInputSchema } from '../../src/runcomfy/inputSchema';
import { checkModelInput, compileInputValidator } from '../../src/runcomfy/inputValidation';
import { DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_FLASH, DOUBLE_KLEIN_9B, DOUBLE_MODELS } from '../support/doubleModels';
import { median, percentile } from './stats';

const root = path.resolve(__dirname, '../../..');
const CACHED_MODELS = 400;

/** One row: what was timed, per call. */
export interface CatalogFigure {
  figure: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  detail: string;
}

function time(runs: number, call: (index: number) => void): { medianMs: number; p95Ms: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    call(i);
    samples.push(performance.now() - started);
  }
  return { medianMs: median(samples), p95Ms: percentile(samples, 95) };
}

export function catalogFigures(): CatalogFigure[] {
  const raw = (id: string) => DOUBLE_MODELS.find((m) => m.model_id === id)!.input_schema;
  // Before anything else here loads zod: the very first validator build requires it, once per process.
  const firstStarted = performance.now();
  compileInputValidator(normaliseInputSchema(raw(DOUBLE_FLASH)));
  const firstMs = performance.now() - firstStarted;
  const models: CatalogModel[] = Array.from({ length: CACHED_MODELS }, (_, i) => {
    const source = DOUBLE_MODELS[i % DOUBLE_MODELS.length]!;
    return parseCatalogModel({ ...source, model_id: `${source.model_id}-${i}` })!;
  });
  const stored = storeCatalog(models, Date.now());
  const storedText = JSON.stringify(stored);
  const figures: CatalogFigure[] = [];


  const load = time(200, () => findCatalogModel(loadCatalog(stored), `${DOUBLE_FLASH}-${CACHED_MODELS - 6}`));
  figures.push({ figure: `catalog load from cache (${CACHED_MODELS} models with schemas)`, runs: 200, ...load, detail: `stored ${(storedText.length / 1024).toFixed(0)} KiB as JSON; parse of the stored object + lookup` });
  const loadText = time(100, () => loadCatalog(JSON.parse(storedText)));
  figures.push({ figure: 'catalog load from cache, JSON text included', runs: 100, ...loadText, detail: 'JSON.parse + the same load' });

  // The editor's own cache (src/editor/modelCatalog.ts): the list without schemas, as `GET /v1/models`
  // answers it, read once per session from global state; a chosen model's schema stored beside it.
  const listed = models.map(({ inputSchema: _, ...entry }) => entry);
  const editorStored = storeCatalog(listed.filter(isImageModel), Date.now());
  const editorLoad = time(200, () => {
    const cache = loadCatalog(editorStored);
    catalogFetchPlan(cache, Date.now(), true);
    cache.models.filter(isImageModel);
  });
  figures.push({ figure: `editor: model list from global state (${CACHED_MODELS} entries, no schemas)`, runs: 200, ...editorLoad, detail: 'load + fetch decision + image filter; once per session, then held in memory' });
  let singles: unknown = undefined;
  for (const id of [DOUBLE_KLEIN_9B, DOUBLE_FLASH, DOUBLE_ASPECT, DOUBLE_EDIT]) singles = storeModel(singles, models.find((m) => m.modelId.startsWith(`${id}-`))!, Date.now());
  const singleLoad = time(400, (i) => storedModel(singles, models[i % 4 === 0 ? 0 : 2]!.modelId, Date.now()));
  figures.push({ figure: "editor: a model's stored schema from global state", runs: 400, ...singleLoad, detail: 'parse of one stored GET /v1/models/{id} entry; once per model and session' });

  const ids = [DOUBLE_KLEIN_9B, DOUBLE_FLASH, DOUBLE_ASPECT, DOUBLE_EDIT];
  const build = time(400, (i) => compileInputValidator(normaliseInputSchema(raw(ids[i % ids.length]!))));
  figures.push({ figure: 'schema → validator build (normalise + z.fromJSONSchema)', runs: 400, ...build, detail: `Klein 9B, Flash, aspect-ratio and edit schemas in turn; first build ever ${firstMs.toFixed(1)} ms (loads zod)` });

  const schemas = ids.map((id) => normaliseInputSchema(raw(id)));
  for (const schema of schemas) compileInputValidator(schema);
  const extraInputs = { output_format: 'png' };
  const mapping = time(2000, (i) => {
    const schema = schemas[i % schemas.length]!;
    const { body } = buildRequestBody(schema, { prompt: 'a hummingbird', size: { width: 1200 + (i % 7), height: 630 }, steps: 25, extraInputs: i % 2 ? extraInputs : {} });
    checkModelInput(schema, body, 'bench');
  });
  figures.push({ figure: 'request-body mapping (size, builder, check)', runs: 2000, ...mapping, detail: 'the same four models; validator already built' });
  return figures;
}

export function catalogTable(figures: readonly CatalogFigure[]): string {
  const rows = figures.map((f) => [f.figure, ms(f.medianMs), ms(f.p95Ms), String(f.runs), f.detail]);
  const header = ['figure (per call)', 'median', 'p95', 'runs', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return ['Catalog:', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function ms(value: number): string {
  return value < 0.1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** The hook `main.ts` calls: prints the table and writes bench-results/catalog.json. */
export function runCatalogBench(log: (line: string) => void): void {
  log('Catalog: cache load, validator build, request-body mapping…');
  const figures = catalogFigures();
  process.stdout.write(`${catalogTable(figures)}\n\n`);
  const file = path.join(root, 'bench-results/catalog.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), figures }, null, 2)}\n`);
}

if (require.main === module) runCatalogBench((line) => process.stderr.write(`${line}\n`));
