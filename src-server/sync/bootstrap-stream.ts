import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { BootstrapLine, BootstrapQuery } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import { findCurrentSeq } from '../repos/change-seq.repo.ts';
import { countSnapshot, listSnapshotLines } from '../repos/people.repo.ts';
import { findDatasetId } from '../repos/server-meta.repo.ts';
import { assertKnownCursor } from './pull-changes.ts';

export const BOOTSTRAP_PAGE_ROWS = 2000;

const line = (value: BootstrapLine) => `${JSON.stringify(value)}\n`;

/**
 * The snapshot at a cursor as NDJSON: begin, the live people with seq ≤ cursor by id, end. Rows changed
 * after the cursor are left out here and reach the client through pull, so each page can be a separate
 * query. One string chunk a page; the Readable asks for the next page only when the socket drains.
 */
export async function openBootstrapStream(
  db: Kysely<ServerDb>,
  query: BootstrapQuery,
  pageRows = BOOTSTRAP_PAGE_ROWS,
): Promise<Readable> {
  const [head, dataset] = await Promise.all([findCurrentSeq(db), findDatasetId(db)]);
  const cursor = query.cursor ?? head;
  assertKnownCursor(cursor, head);
  const total = await countSnapshot(db, { cursor, after: query.after });
  async function* lines() {
    yield line({ type: 'begin', dataset, cursor, total });
    let after = query.after;
    let count = 0;
    for (;;) {
      const rows = await listSnapshotLines(db, { cursor, after, limit: pageRows });
      if (rows.length === 0) break;
      count += rows.length;
      after = rows[rows.length - 1]?.id;
      yield `${rows.map((row) => row.line).join('\n')}\n`;
      if (rows.length < pageRows) break;
    }
    yield line({ type: 'end', cursor, count });
  }
  return Readable.from(lines(), { objectMode: false });
}
