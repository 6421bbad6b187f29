import type { BootstrapLine, BootstrapSection } from '#shared/wire/sync';
import type { ReadDb } from '#shared/node/open-database';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import {
  countOwnSnapshot,
  countSharedSnapshot,
  listOwnSnapshotPage,
  listSharedSnapshotPage,
} from '../repos/connections.repo.ts';
import { communitiesSection } from '../repos/communities.repo.ts';
import { communityPrefsSection } from '../repos/community-prefs.repo.ts';
import { membershipsSection } from '../repos/memberships.repo.ts';
import { countNotesSnapshot, listNotesSnapshotLines } from '../repos/notes.repo.ts';
import { postsSection } from '../repos/posts.repo.ts';
import { countSnapshot, listSnapshotLines } from '../repos/people.repo.ts';
import type { LinesSection, SnapshotKey } from '../repos/snapshot-rows.ts';

/** One page of a section: its NDJSON lines (each ending in \n) and the key of its last row. */
export interface SectionPage {
  text: string;
  count: number;
  lastKey: string;
  /** The page stopped at a bound (rows, or bytes for notes), not at the section's end: more may follow. */
  more?: boolean;
}

/** How the snapshot reads one section at a cursor, keyset-paged by a string key. */
export interface SectionReader {
  count(after: string | undefined): Promise<number>;
  page(after: string | undefined, limit: number): Promise<SectionPage | null>;
}

const toText = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
const line = (value: BootstrapLine) => JSON.stringify(value);

/** The readers of a viewer's snapshot at a cursor, one per section. */
export function sectionReaders(
  db: ReadDb<ServerDb>,
  viewerId: string,
  cursor: number,
): Record<BootstrapSection, SectionReader> {
  const range = { viewerId, cursor };
  return {
    people: {
      count: (after) => countSnapshot(db, { cursor, after }),
      async page(after, limit) {
        const rows = await listSnapshotLines(db, { cursor, after, limit });
        const last = rows.at(-1);
        return last ? { text: toText(rows.map((r) => r.line)), count: rows.length, lastKey: last.id } : null;
      },
    },
    connections: {
      count: (after) => countOwnSnapshot(db, { ...range, after }),
      async page(after, limit) {
        const rows = await listOwnSnapshotPage(db, { ...range, after, limit });
        const last = rows.at(-1);
        if (!last) return null;
        const text = toText(rows.map((value) => line({ type: 'connection', value })));
        return { text, count: rows.length, lastKey: last.personId };
      },
    },
    shared_connections: {
      count: (after) => countSharedSnapshot(db, { ...range, after: parseSharedKey(after) }),
      async page(after, limit) {
        const rows = await listSharedSnapshotPage(db, { ...range, after: parseSharedKey(after), limit });
        const last = rows.at(-1);
        if (!last) return null;
        const text = toText(rows.map((value) => line({ type: 'shared_connection', value })));
        return { text, count: rows.length, lastKey: `${last.ownerId}/${last.personId}` };
      },
    },
    notes: {
      count: (after) => countNotesSnapshot(db, { ...range, after }),
      async page(after, limit) {
        const page = await listNotesSnapshotLines(db, { ...range, after, limit });
        if (!page) return null;
        const { lines, lastKey, full } = page;
        return { text: toText(lines), count: lines.length, lastKey, more: full };
      },
    },
    communities: linesReader(communitiesSection(db, range), singleKey),
    memberships: linesReader(membershipsSection(db, range), parseMembershipKey),
    posts: linesReader(postsSection(db, range), singleKey),
    community_prefs: linesReader(communityPrefsSection(db, range), singleKey),
  };
}

/** A section whose rows the database already writes as NDJSON lines, each with its resume key. */
function linesReader(
  section: LinesSection,
  parseKey: (after: string | undefined) => SnapshotKey | undefined,
): SectionReader {
  return {
    count: (after) => section.count(parseKey(after)),
    async page(after, limit) {
      const rows = await section.page(parseKey(after), limit);
      const last = rows.at(-1);
      return last ? { text: toText(rows.map((r) => r.line)), count: rows.length, lastKey: last.key } : null;
    },
  };
}

const singleKey = (after: string | undefined): SnapshotKey | undefined =>
  after === undefined ? undefined : [after];

/** `${ownerId}/${personId}`, the resume key of the shared_connections section. */
function parseSharedKey(after: string | undefined) {
  const pair = parsePair(after, 'shared_connections', 'ownerId/personId');
  return pair && { ownerId: pair[0], personId: pair[1] };
}

/** `${communityId}/${personId}`, the resume key of the memberships section. */
function parseMembershipKey(after: string | undefined): SnapshotKey | undefined {
  return parsePair(after, 'memberships', 'communityId/personId');
}

function parsePair(after: string | undefined, section: string, shape: string): [string, string] | undefined {
  if (after === undefined) return undefined;
  const slash = after.indexOf('/');
  if (slash <= 0 || slash === after.length - 1) {
    throw new KithError(
      'invalid_input',
      `query parameter 'after': in the ${section} section it is ${shape}, got '${after}'`,
    );
  }
  return [after.slice(0, slash), after.slice(slash + 1)];
}
