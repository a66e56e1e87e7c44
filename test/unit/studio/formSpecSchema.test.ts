import * as assert from 'node:assert/strict';
import { parseCatalogModel } from '../../../src/runcomfy/catalog';
import { normaliseInputSchema } from '../../../src/runcomfy/inputSchema';
import { parseStudioForm } from '../../../src/studio/formSpecSchema';
import { buildStudioForm, modelChoices } from '../../../src/studio/studioConfig';
import { DOUBLE_MODELS } from '../../support/doubleModels';

describe('Studio form message (host → webview, parsed by the webview)', () => {
  const models = modelChoices(DOUBLE_MODELS.map((m) => parseCatalogModel(m)!), DOUBLE_MODELS[0]!.model_id);

  it('accepts the form the host builds for every model of the double’s catalog', () => {
    for (const model of DOUBLE_MODELS) {
      const form = buildStudioForm(model.model_id, normaliseInputSchema(model.input_schema));
      const parsed = parseStudioForm(JSON.parse(JSON.stringify(form)), models);
      assert.ok(parsed.ok, `${model.model_id}: ${parsed.ok ? '' : parsed.reason}`);
      assert.deepEqual(parsed.form, form);
    }
  });

  it('refuses a form a page could not render safely, and says where', () => {
    const form = buildStudioForm(DOUBLE_MODELS[0]!.model_id, normaliseInputSchema(DOUBLE_MODELS[0]!.input_schema));
    const bad = (change: (f: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(form)) as Record<string, unknown>;
      change(copy);
      const parsed = parseStudioForm(copy, models);
      assert.ok(!parsed.ok);
      return parsed.reason;
    };
    assert.match(bad((f) => ((f.controls as Record<string, unknown>[])[1]!.kind = 'script')), /controls\.1/);
    assert.match(bad((f) => ((f.controls as Record<string, unknown>[])[1]!.name = '')), /controls\.1\.name/);
    assert.match(bad((f) => ((f.controls as Record<string, unknown>[])[1]!.title = { html: '<b>' })), /title/);
    assert.match(bad((f) => (f.controls = 'all')), /controls/);
    assert.ok(!parseStudioForm(form, [{ id: 7, label: 'x' }]).ok, 'the picker entries are checked too');
    assert.ok(!parseStudioForm(undefined, models).ok);
  });
});
