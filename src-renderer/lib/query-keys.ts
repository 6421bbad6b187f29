import type { ActivityQuery, CommunityListQuery, FeedQuery, MembersQuery } from '#shared/domain/community';
import type { GraphDepth } from '#shared/domain/graph';
import type { NetworkQuery } from '#shared/domain/network';
import type { NoteSearchQuery } from '#shared/domain/note';
import type { DirectoryFilters } from './directory-filters.ts';

/** Every TanStack Query key the renderer uses, in one place. Directory keys share the ['directory'] prefix. */
export const queryKeys = {
  session: ['session'] as const,
  syncStatus: ['sync', 'status'] as const,
  /** This device's settings; `settings.changed` keeps it current. */
  settings: ['settings'] as const,
  /** The app's own update status; `updates.status` keeps it current. */
  updateStatus: ['updates', 'status'] as const,
  directory: ['directory'] as const,
  facets: ['directory', 'facets'] as const,
  searchPage: (filters: DirectoryFilters, pageIndex: number) =>
    ['directory', 'search', filters, pageIndex] as const,
  profile: (id: string) => ['directory', 'profile', id] as const,
  /** The user's connections; every key under ['network'] goes stale on `network.changed`. */
  network: ['network'] as const,
  connections: (query: NetworkQuery) => ['network', 'list', query] as const,
  connection: (personId: string) => ['network', 'connection', personId] as const,
  rejected: ['sync', 'rejected'] as const,
  /** The user's notes; every key under ['notes'] goes stale on `notes.changed`. */
  notes: ['notes'] as const,
  notesForPerson: (personId: string) => ['notes', 'person', personId] as const,
  noteSearch: (query: NoteSearchQuery) => ['notes', 'search', query] as const,
  noteTags: ['notes', 'tags'] as const,
  /** Notes' follow-ups and keep-in-touch reminders: stale on `notes.changed` and on `network.changed`. */
  followUps: ['notes', 'follow-ups'] as const,
  /** Under ['notes'] too: a sync that brings locked or unreadable notes says so with `notes.changed`. */
  notesEncryption: ['notes', 'encryption'] as const,
  /** Communities, their feeds, health and suggestions: every key under ['communities'] goes stale on `communities.changed`. */
  communities: ['communities'] as const,
  communityList: (query: CommunityListQuery) => ['communities', 'list', query] as const,
  community: (id: string) => ['communities', 'detail', id] as const,
  communityMembers: (query: MembersQuery) => ['communities', 'members', query] as const,
  communityFeed: (query: Omit<FeedQuery, 'before'>) => ['communities', 'feed', query] as const,
  postThread: (postId: string) => ['communities', 'thread', postId] as const,
  communityHealth: (id: string) => ['communities', 'health', id] as const,
  communitySuggestions: ['communities', 'suggestions'] as const,
  communityActivity: (query: ActivityQuery) => ['communities', 'activity', query] as const,
  communitiesInCommon: (personId: string) => ['communities', 'in-common', personId] as const,
  /** The network graph and what is derived from it: stale on `network.changed`, `directory.changed` and `communities.changed`. */
  graph: ['graph'] as const,
  egoGraph: (depth: GraphDepth) => ['graph', 'ego', depth] as const,
  introductions: (personId: string) => ['graph', 'introductions', personId] as const,
  networkInsights: ['graph', 'insights'] as const,
};
