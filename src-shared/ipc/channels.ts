/**
 * The contract's names without its schemas: every method by area, and every event. The sandboxed preload
 * builds window.api from this table and bundles no schema code, so this file imports nothing; contract.ts is
 * checked against it, so a method or event in one and not the other fails the type check.
 * Adding a method: its schema in contract.ts, its name here.
 */
export const ipcChannels = {
  directory: ['searchPeople', 'listFacets', 'getProfile'],
  session: [
    'getSession',
    'discoverServer',
    'signIn',
    'cancelSignIn',
    'connectServer',
    'startDemo',
    'signOut',
    'openProviderSignOut',
  ],
  network: ['listConnections', 'getConnection', 'saveConnection', 'removeConnection'],
  notes: [
    'listForPerson',
    'search',
    'save',
    'delete',
    'listTags',
    'dismissConflict',
    'getEncryption',
    'setUpEncryption',
    'unlock',
    'changePassphrase',
  ],
  followUps: ['list'],
  importExport: ['exportMarkdown', 'importContacts'],
  communities: [
    'list',
    'get',
    'listMembers',
    'feed',
    'getThread',
    'propose',
    'update',
    'archive',
    'join',
    'leave',
    'decideRequest',
    'setRole',
    'removeMember',
    'createPost',
    'updatePost',
    'deletePost',
    'acceptAnswer',
    'setPrefs',
    'markRead',
    'health',
    'suggestions',
    'activity',
    'inCommon',
  ],
  graph: ['egoGraph', 'saveLayout', 'clearLayout', 'introductions', 'insights', 'saveExport'],
  sync: ['getStatus', 'syncNow', 'listRejected', 'dismissRejected'],
  settings: ['get', 'update'],
  updates: ['getStatus', 'check', 'restart'],
} as const;

export const ipcEventNames = [
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
] as const;

/** Events travel on `event:<name>`, apart from the methods' `area.method` channels. */
export const EVENT_CHANNEL_PREFIX = 'event:';

type Table = typeof ipcChannels;
export type IpcArea = keyof Table;
/** `area.method`, for every method in the table. */
export type IpcChannel = { [A in IpcArea]: `${A}.${Table[A][number]}` }[IpcArea];
export type IpcEventName = (typeof ipcEventNames)[number];

/** Every method as `{ area, method, channel }`, in the table's order. */
export const ipcChannelList = Object.entries(ipcChannels).flatMap(([area, methods]) =>
  methods.map((method) => ({ area, method, channel: `${area}.${method}` })),
);

export function isIpcEventName(name: unknown): name is IpcEventName {
  return (ipcEventNames as readonly unknown[]).includes(name);
}
