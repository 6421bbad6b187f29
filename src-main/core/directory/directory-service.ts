import type { Kysely } from 'kysely';
import type { DirectoryFacets, DirectoryPage, PersonProfile } from '#shared/domain/directory';
import { KithError } from '#shared/errors';
import type { LocalDb } from '../store/local-db.ts';
import { countPeople, findProfile, listFacets, searchPeople, type SearchParams } from './directory.repo.ts';

const TOTALS_KEPT = 200;

/**
 * Directory reads for the contract. Totals and facets are cached until the data changes, so scrolling
 * through the pages of one query counts its matches once.
 */
export function createDirectoryService(db: Kysely<LocalDb>) {
  const totals = new Map<string, number>();
  let facets: Promise<DirectoryFacets> | null = null;

  async function total(params: SearchParams) {
    const key = JSON.stringify([
      params.text.trim().toLowerCase(),
      params.department,
      params.location,
      params.skill,
    ]);
    let value = totals.get(key);
    if (value === undefined) {
      value = await countPeople(db, params);
      if (totals.size >= TOTALS_KEPT) totals.delete(totals.keys().next().value as string);
      totals.set(key, value);
    }
    return value;
  }

  return {
    async searchPeople(params: SearchParams): Promise<DirectoryPage> {
      const [page, count] = await Promise.all([searchPeople(db, params), total(params)]);
      return { ...page, total: count };
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
    invalidate() {
      totals.clear();
      facets = null;
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
