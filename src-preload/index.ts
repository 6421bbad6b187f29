/**
 * The bridge: window.api, one function per contract method and a filtered event subscription. Nothing else
 * reaches the page: not ipcRenderer, not the IpcRendererEvent. Sandboxed, so this file is bundled into one
 * CommonJS script that requires only 'electron'; from src-shared it takes types only.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EVENT_CHANNEL_PREFIX, IpcEventName, IpcEventPayload, KithBridge } from '#shared/ipc/contract';
import type { IpcResult } from '#shared/ipc/result';

type Methods = Omit<KithBridge, 'on'>;
type Area = keyof Methods;
type Channel = { [A in Area]: `${A}.${keyof Methods[A] & string}` }[Area];
/** What the method behind a channel resolves to, so each line below is checked against its own channel. */
type Output<C extends Channel> = C extends `${infer A}.${infer M}`
  ? A extends Area
    ? M extends keyof Methods[A]
      ? Methods[A][M] extends (...args: never[]) => Promise<infer O>
        ? O
        : never
      : never
    : never
  : never;

// Written out rather than imported: the contract module's values would pull zod into the preload.
const eventChannelPrefix: typeof EVENT_CHANNEL_PREFIX = 'event:';
const eventNames = [
  'sync.status',
  'session.changed',
  'directory.changed',
  'network.changed',
  'notes.changed',
  'communities.changed',
  'sync.rejected',
  'settings.changed',
  'updates.status',
  'notifications.shown',
  'app.navigate',
] as const satisfies IpcEventName[];
// Fails to compile when the contract gains an event this list lacks.
const _everyEventListed: [Exclude<IpcEventName, (typeof eventNames)[number]>] extends [never] ? true : never =
  true;

/** The main process answers every call with an IpcResult; it goes to the page as it is. */
function invoke<C extends Channel>(channel: C, input: unknown): Promise<Output<C>> {
  return ipcRenderer.invoke(channel, input) as Promise<Output<C> & IpcResult>;
}

function isEventName(name: unknown): name is IpcEventName {
  return (eventNames as readonly unknown[]).includes(name);
}

const api = {
  directory: {
    searchPeople: (input) => invoke('directory.searchPeople', input),
    listFacets: (input) => invoke('directory.listFacets', input),
    getProfile: (input) => invoke('directory.getProfile', input),
  },
  session: {
    getSession: (input) => invoke('session.getSession', input),
    connectServer: (input) => invoke('session.connectServer', input),
    startDemo: (input) => invoke('session.startDemo', input),
    signOut: (input) => invoke('session.signOut', input),
  },
  network: {
    listConnections: (input) => invoke('network.listConnections', input),
    getConnection: (input) => invoke('network.getConnection', input),
    saveConnection: (input) => invoke('network.saveConnection', input),
    removeConnection: (input) => invoke('network.removeConnection', input),
  },
  notes: {
    listForPerson: (input) => invoke('notes.listForPerson', input),
    search: (input) => invoke('notes.search', input),
    save: (input) => invoke('notes.save', input),
    delete: (input) => invoke('notes.delete', input),
    listTags: (input) => invoke('notes.listTags', input),
    dismissConflict: (input) => invoke('notes.dismissConflict', input),
    getEncryption: (input) => invoke('notes.getEncryption', input),
    setUpEncryption: (input) => invoke('notes.setUpEncryption', input),
    unlock: (input) => invoke('notes.unlock', input),
    changePassphrase: (input) => invoke('notes.changePassphrase', input),
  },
  followUps: {
    list: (input) => invoke('followUps.list', input),
  },
  importExport: {
    exportMarkdown: (input) => invoke('importExport.exportMarkdown', input),
    importContacts: (input) => invoke('importExport.importContacts', input),
  },
  communities: {
    list: (input) => invoke('communities.list', input),
    get: (input) => invoke('communities.get', input),
    listMembers: (input) => invoke('communities.listMembers', input),
    feed: (input) => invoke('communities.feed', input),
    getThread: (input) => invoke('communities.getThread', input),
    propose: (input) => invoke('communities.propose', input),
    update: (input) => invoke('communities.update', input),
    archive: (input) => invoke('communities.archive', input),
    join: (input) => invoke('communities.join', input),
    leave: (input) => invoke('communities.leave', input),
    decideRequest: (input) => invoke('communities.decideRequest', input),
    setRole: (input) => invoke('communities.setRole', input),
    removeMember: (input) => invoke('communities.removeMember', input),
    createPost: (input) => invoke('communities.createPost', input),
    updatePost: (input) => invoke('communities.updatePost', input),
    deletePost: (input) => invoke('communities.deletePost', input),
    acceptAnswer: (input) => invoke('communities.acceptAnswer', input),
    setPrefs: (input) => invoke('communities.setPrefs', input),
    markRead: (input) => invoke('communities.markRead', input),
    health: (input) => invoke('communities.health', input),
    suggestions: (input) => invoke('communities.suggestions', input),
    activity: (input) => invoke('communities.activity', input),
    inCommon: (input) => invoke('communities.inCommon', input),
  },
  graph: {
    egoGraph: (input) => invoke('graph.egoGraph', input),
    saveLayout: (input) => invoke('graph.saveLayout', input),
    clearLayout: (input) => invoke('graph.clearLayout', input),
    introductions: (input) => invoke('graph.introductions', input),
    insights: (input) => invoke('graph.insights', input),
    saveExport: (input) => invoke('graph.saveExport', input),
  },
  sync: {
    getStatus: (input) => invoke('sync.getStatus', input),
    syncNow: (input) => invoke('sync.syncNow', input),
    listRejected: (input) => invoke('sync.listRejected', input),
    dismissRejected: (input) => invoke('sync.dismissRejected', input),
  },
  settings: {
    get: (input) => invoke('settings.get', input),
    update: (input) => invoke('settings.update', input),
  },
  updates: {
    getStatus: (input) => invoke('updates.getStatus', input),
    check: (input) => invoke('updates.check', input),
    restart: (input) => invoke('updates.restart', input),
  },
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function');
    const channel = `${eventChannelPrefix}${event}`;
    // The main process sends only the contract's payloads on these channels.
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload as IpcEventPayload<E>);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
} satisfies KithBridge;

contextBridge.exposeInMainWorld('api', api);
