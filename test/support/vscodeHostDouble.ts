/**
 * A minimal host double of the `vscode` module: just enough API surface for `activate()` to run outside
 * VS Code, so the benchmark can time loading and activating the bundle in a bare Node process. Every
 * registration returns a disposable and does nothing; reads return defaults.
 */
type Listener<T> = (value: T) => unknown;

const disposable = () => ({ dispose() {} });
const noEvent = () => disposable();

export class Disposable {
  constructor(private readonly onDispose: () => void = () => {}) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export const StatusBarAlignment = { Left: 1, Right: 2 };
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };
export const EndOfLine = { LF: 1, CRLF: 2 };
export const ExtensionMode = { Production: 1, Development: 2, Test: 3 };
export const version = '1.101.0';
export const env = { appName: 'Host double', language: 'en', clipboard: { readText: async () => '', writeText: async () => {} } };

function logChannel(name: string) {
  const noop = () => {};
  return { name, append: noop, appendLine: noop, replace: noop, clear: noop, show: noop, hide: noop, dispose: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop, logLevel: 2, onDidChangeLogLevel: noEvent };
}

export const window = {
  activeTextEditor: undefined,
  visibleTextEditors: [],
  createOutputChannel: (name: string) => logChannel(name),
  createStatusBarItem: () => ({ text: '', tooltip: '', command: undefined, backgroundColor: undefined, show() {}, hide() {}, dispose() {} }),
  onDidChangeTextEditorSelection: noEvent,
  onDidChangeActiveTextEditor: noEvent,
  registerWebviewPanelSerializer: disposable,
  showInformationMessage: async () => undefined,
  showWarningMessage: async () => undefined,
  showErrorMessage: async () => undefined,
};

const configuration = {
  get: <T>(_key: string, fallback?: T) => fallback,
  has: () => false,
  inspect: () => undefined,
  update: async () => {},
};

export const workspace = {
  workspaceFolders: undefined,
  getConfiguration: () => configuration,
  onDidChangeConfiguration: noEvent,
  onDidCloseTextDocument: noEvent,
  getWorkspaceFolder: () => undefined,
  createFileSystemWatcher: () => ({ onDidCreate: noEvent, onDidChange: noEvent, onDidDelete: noEvent, dispose() {} }),
};

export const commands = {
  registerCommand: disposable,
  executeCommand: async () => undefined,
};

export const languages = { registerCodeLensProvider: disposable, registerHoverProvider: disposable };
export const lm = { registerTool: disposable };
/** English, as VS Code without a language pack: no bundle, and `t` fills `{0}`-style placeholders. */
export const l10n = {
  bundle: undefined,
  uri: undefined,
  t(message: string | { message: string; args?: unknown[] }, ...args: unknown[]): string {
    const text = typeof message === 'string' ? message : message.message;
    const values = typeof message === 'string' ? args : (message.args ?? []);
    return text.replace(/\{(\d+)\}/g, (match, index: string) => (values[Number(index)] === undefined ? match : String(values[Number(index)])));
  },
};

/** The `ExtensionContext` handed to `activate`: in-memory state, no secrets stored. */
export function extensionContext(version = '0.1.0') {
  const memento = () => {
    const values = new Map<string, unknown>();
    return {
      get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
      update: async (key: string, value: unknown) => void values.set(key, value),
      keys: () => [...values.keys()],
      setKeysForSync() {},
    };
  };
  return {
    subscriptions: [] as { dispose(): unknown }[],
    workspaceState: memento(),
    globalState: memento(),
    secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: noEvent },
    extension: { id: 'runcomfy.runcomfy-images', packageJSON: { version } },
    extensionMode: ExtensionMode.Test,
    extensionPath: process.cwd(),
    extensionUri: { scheme: 'file', fsPath: process.cwd(), path: process.cwd() },
    globalStorageUri: { scheme: 'file', fsPath: `${process.cwd()}/.host-double-storage`, path: `${process.cwd()}/.host-double-storage` },
  };
}
