import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#shared/node/open-database';

interface Db {
  t: { id: number | null; v: string };
}

describe('Sqlite3Dialect', () => {
  let db: Kysely<Db>;
  beforeEach(async () => {
    db = await openDatabase<Db>({ file: ':memory:' });
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
  });
  afterEach(() => db.destroy());

  it('returns affected rows and insert ids for writes and rows for RETURNING', async () => {
    const insert = await db
      .insertInto('t')
      .values([{ v: 'a' }, { v: 'b' }])
      .executeTakeFirstOrThrow();
    expect(insert.numInsertedOrUpdatedRows).toBe(2n);
    expect(insert.insertId).toBe(2n);
    const update = await db.updateTable('t').set({ v: 'z' }).executeTakeFirstOrThrow();
    expect(update.numUpdatedRows).toBe(2n);
    const returned = await db.insertInto('t').values({ v: 'c' }).returning(['id', 'v']).execute();
    expect(returned).toEqual([{ id: 3, v: 'c' }]);
  });

  it('rejects a bad statement without taking the connection down', async () => {
    await expect(sql`select * from missing`.execute(db)).rejects.toThrow(/no such table: missing/);
    await expect(sql`select * from missing`.execute(db)).rejects.toThrow(/no such table/);
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ v: 'kept?' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
  });

  it("never lets a query run inside another caller's transaction", async () => {
    let releaseTrx!: () => void;
    const gate = new Promise<void>((resolve) => (releaseTrx = resolve));
    const trx = db.transaction().execute(async (t) => {
      await t.insertInto('t').values({ v: 'in-trx' }).execute();
      await gate;
      throw new Error('rollback');
    });
    // Issued while the transaction is open: it must wait, then see none of the rolled-back row.
    const outside = db.selectFrom('t').selectAll().execute();
    await new Promise((r) => setTimeout(r, 20));
    releaseTrx();
    await expect(trx).rejects.toThrow('rollback');
    expect(await outside).toEqual([]);
  });

  it('refuses to stream, saying what to do instead', async () => {
    const iterate = async () => {
      for await (const _ of db.selectFrom('t').selectAll().stream()) void _;
    };
    await expect(iterate()).rejects.toThrow(/does not stream/);
  });
});
