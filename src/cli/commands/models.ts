/**
 * `models`: RunComfy's catalog from the command line. `models [--category C] [--search S]` lists id, name
 * and price; `models show <id>` prints a model's inputs with their types, ranges, allowed values and
 * defaults, as `generate --input` takes them. Without a token both fall back to the embedded snapshot.
 */
import { formatPrice } from '../../core/models/price';
import { sizeStyleOf } from '../../core/models/sizeMapping';
import { normaliseInputSchema, snapshotModel, snapshotModels, type CatalogModel, type InputField } from '../../runcomfy';
import { expectation } from '../../runcomfy/inputValidation';
import { commonOptions, parseCommandLine, singlePositional } from '../args';
import type { CliContext, Command } from '../command';
import { createCliClient, readApiConfig, TOKEN_VARIABLE } from '../environment';
import { CliError, EXIT, UsageError } from '../exitCodes';
import { DEFAULT_SETTINGS } from '../../core/settings';

const listOptions = { ...commonOptions, category: { type: 'string' }, search: { type: 'string' } } as const;

export const modelsCommand: Command = {
  name: 'models',
  summary: "list RunComfy's models (id, name, price), or show one model's inputs",
  help: `Usage: runcomfy-images models [--category C] [--search S] [--json]
       runcomfy-images models show [--json] <model-id>

Lists the models of RunComfy's catalog: id, name and base price (per image, or per second for video).
"show" prints a model's inputs: type, range or allowed values, default, and which one carries the size;
those are the keys "generate --input KEY=VALUE" takes. Without RUNCOMFY_API_TOKEN, the few models
embedded in runcomfy-images are shown instead (without prices).

Options:
  --category C   only models in this category, e.g. text-to-image, image-to-image, text-to-video
  --search S     only models whose id, name or description contains S
  --json         print JSON instead of a table
  -h, --help     show this help

Examples:
  runcomfy-images models --category text-to-image
  runcomfy-images models --search flux --json | jq -r '.models[].modelId'
  runcomfy-images models show blackforestlabs/flux-2-klein/9b/text-to-image`,

  async run(argv, context) {
    if (argv[0] === 'show') return showModel(argv.slice(1), context);
    const { values, positionals } = parseCommandLine(argv, listOptions);
    if (positionals.length) throw new UsageError(`Unexpected "${positionals[0]}": use "models show <model-id>" for one model.`);
    const { output } = context;
    const filters = { category: values.category?.trim() || undefined, search: values.search?.trim() || undefined };
    const catalog = await withCatalog(context, async (client) => (await client.listModels(filters)).models);
    const models = catalog ?? snapshotModels().filter((model) => matches(model, filters));
    if (values.json) {
      output.json({ source: catalog ? 'catalog' : 'snapshot', total: models.length, models: models.map(summaryJson) });
      return EXIT.ok;
    }
    if (models.length === 0) {
      output.info('No models match.');
      return EXIT.ok;
    }
    const rows = models.map((model) => [model.modelId, model.displayName ?? '', formatPrice(model)]);
    for (const line of columns(rows)) output.result(line);
    return EXIT.ok;
  },
};

async function showModel(argv: string[], context: CliContext) {
  const { values, positionals } = parseCommandLine(argv, commonOptions);
  const modelId = singlePositional(positionals, 'model id');
  const fetched = await withCatalog(context, (client) => client.getModel(modelId));
  const model = fetched ?? snapshotModel(modelId);
  if (!model) {
    throw new CliError(`${TOKEN_VARIABLE} is not set, and ${modelId} is not among the embedded models. Export a token to read RunComfy's catalog.`, EXIT.auth);
  }
  const inputs = normaliseInputSchema(model.inputSchema);
  const size = sizeStyleOf(inputs);
  const sizeInputs = size.style === 'dimensions' ? [size.width.name, size.height.name] : size.style === 'enum' ? [size.shape?.field, size.resolution?.field].filter(Boolean) : [];
  const { output } = context;
  if (values.json) {
    output.json({ model: summaryJson(model), sizeInputs, inputs: inputs.fields.map(fieldJson) });
    return EXIT.ok;
  }
  output.result(`${model.displayName ?? model.modelId}  (${model.modelId})`);
  output.result([model.categories.join(', '), model.kind, formatPrice(model)].filter(Boolean).join(' · '));
  if (model.pricingNote) output.result(model.pricingNote);
  if (model.description) output.result(model.description);
  if (model.modelUrl) output.result(model.modelUrl);
  output.result('');
  output.result(inputs.fields.length ? 'Inputs:' : 'No input schema published.');
  const rows = columns(inputs.fields.map(fieldRow));
  inputs.fields.forEach((field, i) => {
    output.result(`  ${rows[i]}`);
    if (field.description.trim()) output.result(`      ${field.description.trim()}`);
  });
  output.result('');
  output.result(
    sizeInputs.length ? `--width/--height become: ${sizeInputs.join(' + ')}` : 'This model takes no size: --width/--height are not sent.',
  );
  return EXIT.ok;
}

/**
 * Runs `call` with a client when a token is set; undefined (with a note on stderr) when none is, so the
 * caller shows the embedded snapshot. Errors from RunComfy are errors: a wrong token is not "no token".
 */
async function withCatalog<T>(context: CliContext, call: (client: ReturnType<typeof createCliClient>) => Promise<T>): Promise<T | undefined> {
  const api = readApiConfig(context.env);
  if (!api.token) {
    context.output.warn(`${TOKEN_VARIABLE} is not set: showing the models embedded in runcomfy-images (no prices), not RunComfy's catalog.`);
    return undefined;
  }
  const client = createCliClient(api, DEFAULT_SETTINGS, context.version);
  try {
    return await call(client);
  } finally {
    await client.close();
  }
}

function matches(model: CatalogModel, filters: { category?: string; search?: string }): boolean {
  const search = filters.search?.toLowerCase();
  const inCategory = !filters.category || model.categories.includes(filters.category);
  const found = !search || [model.modelId, model.displayName, model.description].some((text) => text?.toLowerCase().includes(search));
  return inCategory && found;
}

function summaryJson(model: CatalogModel) {
  return {
    modelId: model.modelId,
    displayName: model.displayName ?? null,
    categories: model.categories,
    kind: model.kind ?? null,
    basePriceUsd: model.basePriceUsd ?? null,
    priceUnit: model.priceUnit ?? null,
    price: formatPrice(model),
    pricingNote: model.pricingNote ?? null,
    modelUrl: model.modelUrl ?? null,
  };
}

function fieldJson(field: InputField) {
  const { schema: _schema, ...rest } = field;
  return { ...rest, allows: expectation(field) };
}

/** name, kind, required, default, what it allows. */
function fieldRow(field: InputField): string[] {
  const kind = field.kind === 'media' ? `${field.media!.type}${field.media!.multiple ? 's' : ''}` : field.kind;
  const sample = field.droppedDefault && field.droppedDefault !== 'null' ? 'no default (the published sample is not used)' : '';
  const defaultText = field.default !== undefined ? `default ${JSON.stringify(field.default)}` : sample;
  const validations = field.media?.validations.length ? `; checks: ${field.media.validations.map((v) => v.error ?? `${v.rule} ${String(v.value)}`).join(' ')}` : '';
  return [field.name, kind, field.required ? 'required' : 'optional', defaultText, `${expectation(field)}${validations}`];
}

/** Rows as aligned columns (the last one unpadded). */
function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]!.length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}
