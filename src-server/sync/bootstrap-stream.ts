import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { BOOTSTRAP_SECTIONS, type BootstrapLine, type BootstrapQuery } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import { findCurrentSeq } from '../repos/change-seq.repo.ts';
import { findDatasetId } from '../repos/server-meta.repo.ts';
import { sectionReaders } from './bootstrap-sections.ts';
import { assertKnownCursor } from './pull-changes.ts';

export const BOOTSTRAP_PAGE_ROWS = 2000;

const line = (value: BootstrapLine) => `${JSON.stringify(value)}\n`;

/**
 * A viewer's snapshot at a cursor as NDJSON: begin, then the sections in BOOTSTRAP_SECTIONS order (live
 * people by id, the viewer's own live connections by person id, others' live shared connections by
 * owner/person, the viewer's own live notes by id, then the communities, memberships, posts and own
 * community preferences the viewer may see), each holding rows with seq ≤ cursor, then end. Rows
 * changed after the cursor are left out and reach the client through pull, so each page can be a separate
 * query. A resumed stream starts inside `section` after `after`; every later section follows whole. One
 * string chunk a page; the Readable asks for the next page only when the socket drains.
 */
export async function openBootstrapStream(
  db: Kysely<ServerDb>,
  viewerId: string,
  query: BootstrapQuery,
  pageRows = BOOTSTRAP_PAGE_ROWS,
): Promise<Readable> {
  const [head, dataset] = await Promise.all([findCurrentSeq(db), findDatasetId(db)]);
  const cursor = query.cursor ?? head;
  assertKnownCursor(cursor, head);
  const readers = sectionReaders(db, viewerId, cursor);
  const first = BOOTSTRAP_SECTIONS.indexOf(query.section ?? 'people');
  const plan = BOOTSTRAP_SECTIONS.slice(first).map((section, i) => ({
    reader: readers[section],
    after: i === 0 ? query.after : undefined,
  }));
  const counts = await Promise.all(plan.map(({ reader, after }) => reader.count(after)));
  const total = counts.reduce((sum, n) => sum + n, 0);

  async function* lines() {
    yield line({ type: 'begin', dataset, cursor, total });
    let count = 0;
    for (const { reader, after: start } of plan) {
      let after = start;
      for (;;) {
        const page = await reader.page(after, pageRows);
        if (!page) break;
        count += page.count;
        after = page.lastKey;
        yield page.text;
        if (page.count < pageRows && !page.more) break;
      }
    }
    yield line({ type: 'end', cursor, count });
  }
  return Readable.from(lines(), { objectMode: false });
}
