import { z } from 'zod';
import { DirectoryFacets, DirectoryPage, DirectoryQuery, PersonProfile } from '../domain/directory.ts';
import {
  ActivityQuery,
  CommunityDetail,
  CommunityHealth,
  CommunityId,
  CommunityListQuery,
  CommunityPrefFields,
  CommunityRole,
  CommunitySuggestion,
  CommunitySummary,
  CreatePostInput,
  FeedItem,
  FeedPage,
  FeedQuery,
  HomeActivity,
  MembersPage,
  MembersQuery,
  MyMembership,
  PostId,
  PostThread,
  ProposeCommunityInput,
  UpdateCommunityInput,
  UpdatePostInput,
} from '../domain/community.ts';
import { Connection } from '../domain/connection.ts';
import {
  EgoGraph,
  EgoGraphQuery,
  Introductions,
  NetworkInsights,
  SaveGraphExportInput,
  SaveLayoutInput,
  SavedFile,
} from '../domain/graph.ts';
import { ExportResult, ImportContactsInput, ImportReport } from '../domain/import-export.ts';
import { NetworkEntry, NetworkQuery, RejectedWrite, SaveConnectionInput } from '../domain/network.ts';
import {
  ChangePassphraseInput,
  FollowUps,
  Note,
  NotesEncryption,
  NoteSearchQuery,
  NoteWithPerson,
  PassphraseInput,
  SaveNoteInput,
} from '../domain/note.ts';
import { AppRoute, DesktopNotification } from '../domain/notifications.ts';
import { Person } from '../domain/person.ts';
import { ConnectInput, ServerSignIn, ServerUrlInput, Session } from '../domain/session.ts';
import { SettingsPatch, SettingsView } from '../domain/settings.ts';
import { SyncStatus } from '../domain/sync-status.ts';
import { UpdateStatus } from '../domain/updates.ts';
import type { IpcArea, IpcChannel, IpcEventName, ipcChannels } from './channels.ts';
import type { IpcResult } from './result.ts';

export type { IpcEventName } from './channels.ts';

interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> => ({
  input,
  output,
});
const noInput = z.undefined({ error: 'This method takes no input' });

/**
 * Every method the renderer may call, by area. The channel of a method is `area.method`; its name is also
 * listed in channels.ts, the zod-free table the preload and the web bridge build window.api from.
 * The dispatcher, the handlers' types and the renderer's types derive from it.
 */
export const ipcContract = {
  directory: {
    searchPeople: method(DirectoryQuery, DirectoryPage),
    listFacets: method(noInput, DirectoryFacets),
    getProfile: method(z.strictObject({ id: Person.shape.id }), PersonProfile),
  },
  session: {
    getSession: method(noInput, Session),
    /** Asks a server how people sign in to it: its company's identity provider, or its demo org. */
    discoverServer: method(ServerUrlInput, ServerSignIn),
    /**
     * Signs in through the server's identity provider in the system browser (code + PKCE, loopback redirect);
     * resolves once the browser came back, or fails with the reason (cancelled, refused, timed out).
     */
    signIn: method(ServerUrlInput, Session),
    /** Stops a sign-in waiting for the browser; it then fails as cancelled. */
    cancelSignIn: method(noInput, z.object({ cancelled: z.boolean() })),
    /** Signs in with an access token an administrator issued (development and tests). */
    connectServer: method(ConnectInput, Session),
    /** The bundled demo organization, or (with a serverUrl) the demo org of a demo server. */
    startDemo: method(ServerUrlInput.optional(), Session),
    signOut: method(noInput, Session),
    /** Opens the identity provider's end-session page in the browser, as offered after signing out. */
    openProviderSignOut: method(noInput, Session),
  },
  network: {
    listConnections: method(NetworkQuery, z.object({ items: z.array(NetworkEntry) })),
    getConnection: method(z.strictObject({ personId: Person.shape.id }), Connection.nullable()),
    /** Written locally and queued for the server in one transaction; works offline. */
    saveConnection: method(SaveConnectionInput, Connection),
    removeConnection: method(
      z.strictObject({ personId: Person.shape.id }),
      z.object({ removed: z.boolean() }),
    ),
  },
  notes: {
    /** A colleague's notes: pinned first, then newest first. */
    listForPerson: method(z.strictObject({ personId: Person.shape.id }), z.array(Note)),
    search: method(NoteSearchQuery, z.object({ items: z.array(NoteWithPerson) })),
    save: method(SaveNoteInput, Note),
    delete: method(z.strictObject({ id: Note.shape.id }), z.object({ deleted: z.boolean() })),
    listTags: method(noInput, z.array(z.object({ value: z.string(), count: z.number().int().min(0) }))),
    /** A conflict copy the owner keeps as a note of its own. */
    dismissConflict: method(z.strictObject({ id: Note.shape.id }), Note),
    getEncryption: method(noInput, NotesEncryption),
    /** First device: creates the notes key, wraps it with the passphrase, stores it on the server; notes start syncing. */
    setUpEncryption: method(PassphraseInput, NotesEncryption),
    /** Another device: unwraps the server's notes key with the passphrase. A wrong one changes nothing. */
    unlock: method(PassphraseInput, NotesEncryption),
    /**
     * Re-wraps the notes key with a new passphrase (this device ready, the server reachable). Other devices
     * keep their key; a new one unlocks with the new passphrase. A wrong current one changes nothing.
     */
    changePassphrase: method(ChangePassphraseInput, NotesEncryption),
  },
  followUps: {
    /** Notes' follow-ups and keep-in-touch reminders due, as of today on this computer's clock. */
    list: method(noInput, FollowUps),
  },
  importExport: {
    /** Writes one Markdown file per colleague with notes into a folder the host asks for; null: cancelled. */
    exportMarkdown: method(noInput, ExportResult),
    /** Contacts and notes from a vCard 4.0 or CSV file, matched by email; a malformed file writes nothing. */
    importContacts: method(ImportContactsInput, ImportReport),
  },
  /**
   * Communities, from the local cache. Every write is checked against the community rules first (a refusal
   * is an error and changes nothing), applied locally and queued for the server in one transaction; one the
   * server still refuses is rolled back and listed in sync.listRejected.
   */
  communities: {
    list: method(CommunityListQuery, z.object({ items: z.array(CommunitySummary) })),
    get: method(z.strictObject({ communityId: CommunityId }), CommunityDetail),
    listMembers: method(MembersQuery, MembersPage),
    /** Newest first, without answers (they belong to their question's thread). */
    feed: method(FeedQuery, FeedPage),
    getThread: method(z.strictObject({ postId: PostId }), PostThread),
    propose: method(ProposeCommunityInput, CommunityDetail),
    update: method(UpdateCommunityInput, CommunityDetail),
    archive: method(z.strictObject({ communityId: CommunityId, archived: z.boolean() }), CommunityDetail),
    join: method(z.strictObject({ communityId: CommunityId }), CommunityDetail),
    /** Null when the community is no longer visible (a private one left). */
    leave: method(z.strictObject({ communityId: CommunityId }), CommunityDetail.nullable()),
    decideRequest: method(
      z.strictObject({ communityId: CommunityId, personId: Person.shape.id, approve: z.boolean() }),
      CommunityDetail,
    ),
    /** Adds the person in the role, or changes their role. Leaders only. */
    setRole: method(
      z.strictObject({ communityId: CommunityId, personId: Person.shape.id, role: CommunityRole }),
      CommunityDetail,
    ),
    removeMember: method(
      z.strictObject({ communityId: CommunityId, personId: Person.shape.id }),
      CommunityDetail,
    ),
    createPost: method(CreatePostInput, FeedItem),
    updatePost: method(UpdatePostInput, FeedItem),
    deletePost: method(z.strictObject({ postId: PostId }), z.object({ deleted: z.boolean() })),
    /** answerId null: un-accept. */
    acceptAnswer: method(z.strictObject({ questionId: PostId, answerId: PostId.nullable() }), PostThread),
    setPrefs: method(
      z.strictObject({
        communityId: CommunityId,
        patch: CommunityPrefFields.pick({ followed: true, muted: true }).partial().strict(),
      }),
      MyMembership,
    ),
    /** Everything in the community up to now is read. */
    markRead: method(z.strictObject({ communityId: CommunityId }), z.object({})),
    health: method(z.strictObject({ communityId: CommunityId }), CommunityHealth),
    /** "Communities for you", best first, each with why. */
    suggestions: method(noInput, z.object({ items: z.array(CommunitySuggestion) })),
    /** Home: new activity in followed communities. */
    activity: method(ActivityQuery, HomeActivity),
    /** Communities the viewer and this colleague are both active members of. */
    inCommon: method(
      z.strictObject({ personId: Person.shape.id }),
      z.object({ items: z.array(CommunitySummary) }),
    ),
  },
  /** The network graph, from the local cache: works offline. */
  graph: {
    /** You, the people you know and (depth 2) the people they know, with reporting lines and your communities. */
    egoGraph: method(EgoGraphQuery, EgoGraph),
    /** Remembers where the layout put each node, so reopening the graph is instant. */
    saveLayout: method(SaveLayoutInput, z.object({})),
    /** Forgets every remembered position: the next graph is laid out afresh. */
    clearLayout: method(noInput, z.object({})),
    /** "Who can introduce me": the best paths to a colleague, through people who can vouch for each step. */
    introductions: method(z.strictObject({ personId: Person.shape.id }), Introductions),
    /** Where your network is thin, who bridges to departments you don't reach, and people to meet. */
    insights: method(noInput, NetworkInsights),
    /** Writes an export of the graph (PNG, GEXF, GraphML) where the host asks; null: cancelled. */
    saveExport: method(SaveGraphExportInput, SavedFile),
  },
  sync: {
    getStatus: method(noInput, SyncStatus),
    syncNow: method(noInput, SyncStatus),
    /** Local writes the server refused, newest first. */
    listRejected: method(noInput, z.array(RejectedWrite)),
    dismissRejected: method(z.strictObject({ mutationId: RejectedWrite.shape.mutationId }), z.object({})),
  },
  /** This device's settings and what the host can do with them. */
  settings: {
    get: method(noInput, SettingsView),
    /** Only the fields given change; the host applies them (start at login, update channel) at once. */
    update: method(SettingsPatch, SettingsView),
  },
  /** The app's own updates: checked in the background (never in development or the demo organization). */
  updates: {
    getStatus: method(noInput, UpdateStatus),
    /** Checks now rather than at the next 6-hourly check. */
    check: method(noInput, UpdateStatus),
    /** Quits and installs the downloaded update; refused unless one is ready. */
    restart: method(noInput, z.object({})),
  },
} as const satisfies { [A in IpcArea]: Record<(typeof ipcChannels)[A][number], MethodSpec> };

/** Every event the renderer may receive, with its payload. */
export const ipcEvents = {
  'sync.status': SyncStatus,
  'session.changed': Session,
  /** The local directory changed (a sync applied rows): cached queries are stale. */
  'directory.changed': z.object({ count: z.number().int().min(0) }),
  /** The user's connections changed (a local write, a pull, or a rolled-back rejection). */
  'network.changed': z.object({}),
  /** The user's notes changed. */
  'notes.changed': z.object({}),
  /** Communities, memberships, posts or the user's community preferences changed (a local write or a pull). */
  'communities.changed': z.object({}),
  /** The server refused a local write; it was undone locally. */
  'sync.rejected': RejectedWrite,
  'settings.changed': SettingsView,
  'updates.status': UpdateStatus,
  /** Desktop notifications just decided; a host without OS notifications shows them in the page. */
  'notifications.shown': z.object({ items: z.array(DesktopNotification) }),
  /** Open this route (a notification or a tray entry was clicked). */
  'app.navigate': z.object({ route: AppRoute }),
} as const satisfies Record<IpcEventName, z.ZodType>;

type Contract = typeof ipcContract;
type Area = keyof Contract;

// `satisfies` above finds a name missing from an object literal and an extra one written in it; these find
// the rest (an area given as a variable), so the contract and channels.ts cannot drift either way.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameMethods: Same<{ [A in Area]: `${A}.${keyof Contract[A] & string}` }[Area], IpcChannel> = true;
const _sameEvents: Same<keyof typeof ipcEvents, IpcEventName> = true;

type Spec<A extends Area, M extends keyof Contract[A]> =
  Contract[A][M] extends MethodSpec<infer I, infer O> ? { input: I; output: O } : never;

export type IpcEventPayload<E extends IpcEventName> = z.output<(typeof ipcEvents)[E]>;

type Caller<I, O> = undefined extends I ? (input?: I) => Promise<O> : (input: I) => Promise<O>;

type EventSubscriber = {
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
};

/**
 * window.api, as the preload (or the web host's bridge) exposes it. Each call resolves with an IpcResult:
 * a plain object crosses Electron's contextBridge whole, where a thrown error would keep only its message.
 */
export type KithBridge = {
  [A in Area]: {
    [M in keyof Contract[A]]: Caller<z.input<Spec<A, M>['input']>, IpcResult<z.output<Spec<A, M>['output']>>>;
  };
} & EventSubscriber;

/** What renderer code calls: the bridge with each result unwrapped (an error rejects; its name is the code). */
export type KithApi = {
  [A in Area]: {
    [M in keyof Contract[A]]: Caller<z.input<Spec<A, M>['input']>, z.output<Spec<A, M>['output']>>;
  };
} & EventSubscriber;

/** What the core implements: inputs arrive parsed, outputs are checked on the way out. */
export type ContractHandlers = {
  [A in Area]: {
    [M in keyof Contract[A]]: (
      input: z.output<Spec<A, M>['input']>,
    ) => Promise<z.input<Spec<A, M>['output']>>;
  };
};

export interface MethodEntry {
  channel: string;
  area: string;
  method: string;
  spec: MethodSpec;
}

export const ipcMethods: readonly MethodEntry[] = Object.entries(ipcContract).flatMap(([area, methods]) =>
  Object.entries(methods as Record<string, MethodSpec>).map(([name, spec]) => ({
    channel: `${area}.${name}`,
    area,
    method: name,
    spec,
  })),
);
