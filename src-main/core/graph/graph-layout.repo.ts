import type { Kysely } from 'kysely';
import type { SaveLayoutInput } from '#shared/domain/graph';
import type { LocalDb } from '../store/local-db.ts';

/** Rows per statement: three variables each, well under SQLite's limit. */
const ROWS_PER_STATEMENT = 300;

/** Remembers each node's position, replacing an earlier one, in one transaction. */
export async function saveLayout(db: Kysely<LocalDb>, positions: SaveLayoutInput['positions']) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < positions.length; i += ROWS_PER_STATEMENT) {
      const rows = positions.slice(i, i + ROWS_PER_STATEMENT).map(({ id, x, y }) => ({ node_id: id, x, y }));
      await trx
        .insertInto('graph_layout')
        .values(rows)
        .onConflict((oc) =>
          oc.column('node_id').doUpdateSet((eb) => ({ x: eb.ref('excluded.x'), y: eb.ref('excluded.y') })),
        )
        .execute();
    }
  });
}

export async function clearLayout(db: Kysely<LocalDb>) {
  await db.deleteFrom('graph_layout').execute();
}
