import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../core/commandIds';
import type { JobTracker } from '../core/jobs/jobTracker';
import type { GenerationService } from '../editor/generationService';
import type { SettingsReader } from '../editor/settingsReader';
import type { TokenStore } from '../editor/tokenStore';
import type { Logger } from '../runcomfy/types';
import { LastEditor } from './lastEditor';
import type { StudioCatalog } from './studioCatalog';
import { StudioPanel, type StudioPanelDeps } from './studioPanel';
import { VariantStaging } from './variantStaging';

export interface StudioDeps {
  context: vscode.ExtensionContext;
  tracker: JobTracker;
  generation: GenerationService;
  settings: SettingsReader;
  tokens: TokenStore;
  log: Logger;
  /** The model catalog: the picker's models and the chosen model's schema. */
  catalog: StudioCatalog;
}

/**
 * The Studio's long-lived part, built at activation: it remembers the last text editor (the panel takes
 * focus, yet Insert into Editor must go there) and registers the serializer that restores the panel after
 * a reload. The panel itself is created on demand. Nothing here touches the disk.
 */
export class Studio implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelDeps: StudioPanelDeps;

  constructor(deps: StudioDeps) {
    const editors = new LastEditor();
    this.panelDeps = {
      extensionUri: deps.context.extensionUri,
      tracker: deps.tracker,
      generation: deps.generation,
      settings: deps.settings,
      tokens: deps.tokens,
      log: deps.log,
      catalog: deps.catalog,
      editors,
      state: deps.context.workspaceState,
      // Outside every workspace so unwanted variants never litter a repository; global so a week-old
      // batch is swept even if its workspace is never opened again.
      staging: new VariantStaging(path.join(deps.context.globalStorageUri.fsPath, 'staging')),
    };
    const item = vscode.window.createStatusBarItem('runcomfy.studio', vscode.StatusBarAlignment.Right, 100);
    item.name = vscode.l10n.t('RunComfy Image Studio');
    item.text = vscode.l10n.t('$(sparkle) Studio');
    item.tooltip = vscode.l10n.t('Open the RunComfy Image Studio');
    item.command = COMMANDS.openStudio;
    item.show();
    this.disposables.push(
      item,
      editors,
      vscode.window.registerWebviewPanelSerializer(StudioPanel.viewType, {
        deserializeWebviewPanel: async (panel) => {
          StudioPanel.revive(panel, this.panelDeps);
        },
      }),
    );
  }

  /** Opens the Studio, or brings the open one to the front. */
  open(): StudioPanel {
    return StudioPanel.createOrShow(this.panelDeps);
  }

  /** The open panel, if any (for tests). */
  get panel(): StudioPanel | undefined {
    return StudioPanel.current;
  }

  get stagingRoot(): string {
    return this.panelDeps.staging.root;
  }

  dispose(): void {
    StudioPanel.current?.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
