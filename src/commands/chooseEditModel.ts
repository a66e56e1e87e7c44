import * as vscode from 'vscode';
import { formatPrice } from '../core/models/price';
import { modelLabel } from '../core/models/modelLabel';
import { referenceField } from '../core/references/imageFields';
import { isEditModel } from '../core/references/editModels';
import type { Services } from './services';

/** What a caller without a person (a test) answers instead of the quick pick: given the ids offered, the one to take. */
export interface ChooseEditModelOptions {
  choose?: (offered: string[]) => string | undefined;
}

interface EditModelItem extends vscode.QuickPickItem {
  modelId: string;
}

/**
 * RunComfy: Choose Edit Model…: the catalog's models that start from an image, with their price; the one
 * chosen is checked for an image input and written to `runcomfy.editModel` (user settings), which Edit
 * Image uses. Resolves to the chosen id, or undefined when dismissed or refused.
 */
export async function chooseEditModel(services: Services, options: ChooseEditModelOptions = {}): Promise<string | undefined> {
  const { catalog } = services;
  const current = services.settings.settings.editModel;
  const models = (await catalog.models()).filter(isEditModel);
  const items: EditModelItem[] = models.map((model) => ({
    label: `${model.modelId === current ? '$(check) ' : ''}${model.displayName ?? model.modelId}`,
    description: model.modelId,
    detail: [formatPrice(model), model.modelId === current ? vscode.l10n.t('in use') : undefined].filter(Boolean).join(' · '),
    modelId: model.modelId,
  }));
  if (!items.some((item) => item.modelId === current)) items.unshift({ label: `$(check) ${current}`, description: vscode.l10n.t('in use (not in the catalog list)'), modelId: current });
  const chosen = options.choose
    ? options.choose(items.map((item) => item.modelId))
    : (
        await vscode.window.showQuickPick(items, {
          title: vscode.l10n.t('RunComfy: Choose Edit Model'),
          placeHolder: vscode.l10n.t('Models that start from an image; Edit Image and the Studio’s references use the one chosen'),
          matchOnDescription: true,
        })
      )?.modelId;
  if (!chosen || !items.some((item) => item.modelId === chosen)) return undefined;
  const name = modelLabel(chosen, await catalog.model(chosen));
  if (!referenceField(await catalog.inputSchema(chosen))) {
    void services.messages.show('error', vscode.l10n.t('{0} takes no image input, so it cannot edit images. Choose another model.', name));
    return undefined;
  }
  await vscode.workspace.getConfiguration('runcomfy').update('editModel', chosen, vscode.ConfigurationTarget.Global);
  void services.messages.show('info', vscode.l10n.t('Editing images with {0}.', name));
  return chosen;
}
