import type { EstimateRequestMessage, FileMessage, GenerateMessage, ReferenceMessage, WebviewMessage } from './protocol';

/** What the Studio can do; one method per kind of request from the webview. */
export interface StudioHandlers {
  ready(): Promise<void>;
  generate(message: GenerateMessage): Promise<void>;
  estimate(message: EstimateRequestMessage): Promise<void>;
  chooseModel(model: string): Promise<void>;
  cancel(jobId: string): Promise<void>;
  open(ref: FileRef): Promise<void>;
  reveal(ref: FileRef): Promise<void>;
  insert(ref: FileRef): Promise<void>;
  copyLink(ref: FileRef): Promise<void>;
  copyPrompt(jobId: string): Promise<void>;
  delete(ref: FileRef): Promise<void>;
  keep(ref: FileRef): Promise<void>;
  discard(ref: FileRef): Promise<void>;
  removeEntry(jobId: string): Promise<void>;
  setApiToken(): Promise<void>;
  openSettings(): Promise<void>;
  /** The references area: add from the workspace, dropped files, a gallery image. */
  references(message: ReferenceMessage): Promise<void>;
}

export interface FileRef {
  jobId: string;
  file: number;
}

/** Routes a validated message to its handler; the `never` check makes a new message type a compile error here. */
export function dispatchStudioMessage(message: WebviewMessage, handlers: StudioHandlers): Promise<void> {
  switch (message.type) {
    case 'ready':
      return handlers.ready();
    case 'generate':
      return handlers.generate(message);
    case 'estimate':
      return handlers.estimate(message);
    case 'chooseModel':
      return handlers.chooseModel(message.model);
    case 'cancel':
      return handlers.cancel(message.jobId);
    case 'open':
      return handlers.open(ref(message));
    case 'reveal':
      return handlers.reveal(ref(message));
    case 'insert':
      return handlers.insert(ref(message));
    case 'copyLink':
      return handlers.copyLink(ref(message));
    case 'copyPrompt':
      return handlers.copyPrompt(message.jobId);
    case 'delete':
      return handlers.delete(ref(message));
    case 'keep':
      return handlers.keep(ref(message));
    case 'discard':
      return handlers.discard(ref(message));
    case 'removeEntry':
      return handlers.removeEntry(message.jobId);
    case 'setApiToken':
      return handlers.setApiToken();
    case 'openSettings':
      return handlers.openSettings();
    case 'addReferences':
    case 'dropReferences':
    case 'useAsReference':
      return handlers.references(message);
    default: {
      const unreachable: never = message;
      return Promise.reject(new Error(`Unhandled Studio message ${JSON.stringify(unreachable)}`));
    }
  }
}

function ref(message: FileMessage): FileRef {
  return { jobId: message.jobId, file: message.file };
}
