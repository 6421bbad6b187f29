import type { Kysely } from 'kysely';
import type { DirectoryFacets, DirectoryPage, PersonProfile } from '#shared/domain/directory';
import { KithError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { CoreEvents } from '../core-types.ts';
import type { LocalDb } from '../store/local-db.ts';
import { findSummaries, rankMatches, type RankedMatches } from './directory-search.ts';
import { countPeople, findProfile, listFacets, listPeople, type SearchParams } from './directory.repo.ts';

/** A small LRU: recent queries' results, dropped whenever the data changes. */
function createCache<V>(capacity: number) {
  const entries = new Map<string, V>();
  let generation = 0;
  return {
    async get(key: string, load: () => Promise<V>): Promise<V> {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const loadedIn = generation;
      const value = await load();
      // Data that changed while this loaded may not be in it: answer with it, but don't keep it.
      if (loadedIn !== generation) return value;
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return value;
    },
    clear() {
      generation++;
      entries.clear();
    },
  };
}

/**
 * Directory reads for the contract. A query's ranked matches and a filter set's count are kept until
 * the data changes ('directory.changed' on `events`, or invalidate()), so scrolling through the pages of
 * one search costs one query.
 */
export function createDirectoryService(db: Kysely<LocalDb>, events: CoreEvents) {
  const ranked = createCache<RankedMatches | null>(32);
  const counts = createCache<number>(200);
  let facets: Promise<DirectoryFacets> | null = null;

  function invalidate() {
    ranked.clear();
    counts.clear();
    facets = null;
  }
  // Registered before any host's listener: the cache is dropped before the renderer hears of the change.
  events.on('directory.changed', invalidate);

  return {
    async searchPeople(params: SearchParams): Promise<DirectoryPage> {
      const filters = { department: params.department, location: params.location, skill: params.skill };
      const filterKey = JSON.stringify([filters.department, filters.location, filters.skill]);
      const matches = await ranked.get(`${params.text.trim().toLowerCase()}|${filterKey}`, () =>
        rankMatches(db, params.text, filters),
      );
      if (matches) {
        return {
          offset: params.offset,
          items: await findSummaries(db, matches.pks.slice(params.offset, params.offset + params.limit)),
          total: matches.pks.length,
          totalIsLowerBound: matches.truncated,
        };
      }
      const [items, total] = await Promise.all([
        listPeople(db, params),
        counts.get(filterKey, () => countPeople(db, filters)),
      ]);
      return { offset: params.offset, items, total, totalIsLowerBound: false };
    },
    listFacets(): Promise<DirectoryFacets> {
      facets ??= listFacets(db).catch((err: unknown) => {
        facets = null;
        throw err;
      });
      return facets;
    },
    async getProfile(id: string): Promise<PersonProfile> {
      const profile = await findProfile(db, id);
      if (!profile) throw new KithError('not_found', `No colleague with id ${id} in the directory`);
      return profile;
    },
    /** The local data changed: drop what was cached. */
    invalidate,
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;

export const directoryHandlers = (directory: DirectoryService): ContractHandlers['directory'] => ({
  searchPeople: (query) => directory.searchPeople(query),
  listFacets: () => directory.listFacets(),
  getProfile: ({ id }) => directory.getProfile(id),
});
