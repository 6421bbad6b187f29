import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#shared/node/open-database';
import { dropNotNull } from '#shared/node/schema-edits';

let db: Kysely<unknown>;
beforeEach(async () => {
  db = await openDatabase({ file: ':memory:' });
  await sql`create table people (id text primary key)`.execute(db);
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into people (id) values ('p1')`.execute(db);
  await sql`insert into teams (id, created_by, name) values ('t1', 'p1', 'Ops')`.execute(db);
});
afterEach(() => db.destroy());

const insert = (id: string, createdBy: string | null, name: string | null) =>
  sql`insert into teams (id, created_by, name) values (${id}, ${createdBy}, ${name})`.execute(db);

describe('dropNotNull', () => {
  it('lets the column hold null in the same transaction, keeping its rows, other constraints and foreign key', async () => {
    await expect(insert('t0', null, 'Before')).rejects.toThrow(/NOT NULL/);
    await db.transaction().execute(async (trx) => {
      await dropNotNull(trx, 'teams', 'created_by');
      await sql`insert into teams (id, created_by, name) values ('t2', null, 'Directory team')`.execute(trx);
    });
    expect((await sql`select id, created_by from teams order by id`.execute(db)).rows).toEqual([
      { id: 't1', created_by: 'p1' },
      { id: 't2', created_by: null },
    ]);
    await expect(insert('t3', 'nobody', 'Ghost')).rejects.toThrow(/FOREIGN KEY/);
    await expect(insert('t4', 'p1', null)).rejects.toThrow(/NOT NULL/);
    expect((await sql`pragma integrity_check`.execute(db)).rows).toEqual([{ integrity_check: 'ok' }]);
  });

  it('refuses a column that is not declared not null, or a table that does not exist, changing nothing', async () => {
    await dropNotNull(db, 'teams', 'created_by');
    await expect(dropNotNull(db, 'teams', 'created_by')).rejects.toThrow(/not declared not null/);
    await expect(dropNotNull(db, 'nothing', 'created_by')).rejects.toThrow(/no table nothing/);
  });
});
