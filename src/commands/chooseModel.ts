import * as vscode from 'vscode';
import { formatPrice } from '../core/models/price';
import { modelLabel } from '../core/models/modelLabel';
import type { CatalogModel } from '../runcomfy/catalog';
import { COMMANDS } from '../core/commandIds';
import type { Services } from './services';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

/**
 * RunComfy: Choose Model…: a quick pick of the catalog's image models (name, id, price per image), searchable
 * by name and id, the model in use marked and selected. Choosing writes `runcomfy.model` to user settings
 * and reads the model's inputs (at most one request), so the next generation is checked against them.
 * Resolves to the chosen id, or undefined when dismissed.
 */
export async function chooseModel(services: Services): Promise<string | undefined> {
  const { catalog } = services;
  const current = services.settings.settings.model;
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = vscode.l10n.t('RunComfy: Choose Model');
  picker.placeholder = vscode.l10n.t('Type to search image models by name or id');
  picker.matchOnDescription = true;
  picker.buttons = [{ iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Refresh Model Catalog') }];
  picker.busy = true;
  const render = (models: CatalogModel[]) => {
    picker.items = modelItems(models, current);
    const active = picker.items.find((item) => item.modelId === current);
    if (active) picker.activeItems = [active];
    const source = catalog.source();
    picker.placeholder =
      source.source === 'snapshot'
        ? vscode.l10n.t('Type to search (the models built into the extension: set an API token to see the whole catalog)')
        : vscode.l10n.t('Type to search image models by name or id');
  };
  const disposables: vscode.Disposable[] = [picker];
  try {
    const chosen = new Promise<string | undefined>((resolve) => {
      disposables.push(
        picker.onDidAccept(() => resolve(picker.selectedItems[0]?.modelId)),
        picker.onDidHide(() => resolve(undefined)),
        picker.onDidTriggerButton(() => void vscode.commands.executeCommand(COMMANDS.refreshModelCatalog)),
        catalog.onDidChange(() => void catalog.models().then(render)),
      );
    });
    picker.show();
    render(await catalog.models());
    picker.busy = false;
    const modelId = await chosen;
    if (!modelId) return undefined;
    picker.hide();
    await vscode.workspace.getConfiguration('runcomfy').update('model', modelId, vscode.ConfigurationTarget.Global);
    await confirmChoice(services, modelId);
    return modelId;
  } finally {
    for (const d of disposables) d.dispose();
  }
}

/** The items: text-to-image models first, then those that start from an image, each with its price. */
function modelItems(models: readonly CatalogModel[], current: string): ModelItem[] {
  const fromText = models.filter((m) => m.categories.includes('text-to-image'));
  const fromImage = models.filter((m) => !m.categories.includes('text-to-image'));
  const item = (model: CatalogModel): ModelItem => ({
    label: `${model.modelId === current ? '$(check) ' : ''}${model.displayName ?? model.modelId}`,
    description: model.modelId,
    detail: [formatPrice(model), model.modelId === current ? vscode.l10n.t('in use') : undefined, model.pricingNote].filter(Boolean).join(' · '),
    modelId: model.modelId,
  });
  const items: ModelItem[] = fromText.map(item);
  if (fromImage.length > 0) {
    items.push({ label: vscode.l10n.t('Start from an image (need a reference image)'), kind: vscode.QuickPickItemKind.Separator }, ...fromImage.map(item));
  }
  if (!models.some((m) => m.modelId === current)) {
    items.unshift({ label: `$(check) ${current}`, description: vscode.l10n.t('in use (not in the catalog list)'), modelId: current });
  }
  return items;
}

/** Says what is now in use, and when the workspace's own `runcomfy.model` still wins here. */
async function confirmChoice(services: Services, modelId: string): Promise<void> {
  const model = await services.catalog.model(modelId);
  // Read the inputs now (one request at most), so the first generation is checked without waiting.
  void services.catalog.inputSchema(modelId).catch(() => undefined);
  const name = modelLabel(modelId, model);
  const price = model ? ` (${formatPrice(model)})` : '';
  const workspaceValue = vscode.workspace.getConfiguration('runcomfy').inspect<string>('model')?.workspaceValue;
  if (workspaceValue !== undefined && workspaceValue !== modelId) {
    void services.messages.show('warning', vscode.l10n.t('Your model is now {0}{1}, but this workspace sets runcomfy.model to {2}, which applies here.', name, price, workspaceValue));
    return;
  }
  void services.messages.show('info', vscode.l10n.t('Generating with {0}{1}.', name, price));
}
