import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { revokeSessionsOf } from './sessions.repo.ts';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { reserveSeqs } from './change-seq.repo.ts';

/*
 * People as the company directory (SCIM) writes them: the person's columns plus the directory's keys, in one
 * transaction through the change sequence. The rules a directory write must obey (unique keys, a manager
 * chain without a cycle) are checked inside that transaction, so a refused write leaves nothing behind.
 */

/** Refusals a route turns into its protocol's errors. */
export class DirectoryRefusal extends Error {
  override name = 'DirectoryRefusal';
  constructor(
    readonly reason: 'uniqueness' | 'cycle' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export const DIRECTORY_USER_COLUMNS = [
  'id',
  'email',
  'name',
  'title',
  'department',
  'location',
  'timezone',
  'active',
  'manager_id',
  'external_id',
  'user_name',
  'employee_number',
  'scim_resource',
  'scim_manager_ref',
] as const;

/** What a directory sets of a person; skills and bio stay the person's own. */
export interface DirectoryPersonFields {
  userName: string;
  externalId: string | null;
  name: string;
  title: string;
  email: string;
  location: string;
  timezone: string;
  active: boolean;
  department: string;
  employeeNumber: string | null;
  /** The manager's id or externalId; null: none. Unknown yet: kept and resolved when they arrive. */
  managerRef: string | null;
  /** The directory's own record of the person (JSON), answered back on a read. */
  resource: string;
}

export type DirectoryCriterion =
  | { field: 'id' | 'userName' | 'externalId' | 'email' | 'displayName' | 'employeeNumber'; value: string }
  | { field: 'active'; value: boolean };

const live = (db: ReadDb<ServerDb>) => db.selectFrom('people').where('deleted', '=', 0);

function criterion(eb: ExpressionBuilder<ServerDb, 'people'>, c: DirectoryCriterion): Expression<SqlBool> {
  switch (c.field) {
    case 'id':
      return eb('id', '=', c.value);
    case 'userName':
      // userName is not case-exact (RFC 7643 §4.1.1); a person without one answers to their email.
      return eb(eb.fn('lower', [eb.fn.coalesce('user_name', 'email')]), '=', c.value.toLowerCase());
    case 'email':
      return eb('email', '=', c.value.toLowerCase());
    case 'externalId':
      return eb('external_id', '=', c.value);
    case 'displayName':
      return eb(eb.fn('lower', ['name']), '=', c.value.toLowerCase());
    case 'employeeNumber':
      return eb('employee_number', '=', c.value);
    case 'active':
      return eb('active', '=', c.value ? 1 : 0);
  }
}

export async function findDirectoryPerson(db: ReadDb<ServerDb>, id: string) {
  return live(db).select(DIRECTORY_USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** One page of the live people matching every criterion, by id (a stable order), and how many match. */
export async function listDirectoryPeople(
  db: ReadDb<ServerDb>,
  criteria: readonly DirectoryCriterion[],
  { offset, limit }: { offset: number; limit: number },
) {
  const where = (eb: ExpressionBuilder<ServerDb, 'people'>) => eb.and(criteria.map((c) => criterion(eb, c)));
  const total = await live(db)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  const rows =
    limit === 0
      ? []
      : await live(db)
          .select(DIRECTORY_USER_COLUMNS)
          .where(where)
          .orderBy('id')
          .limit(limit)
          .offset(offset)
          .execute();
  return { total: Number(total.n), rows };
}

/**
 * Another live person holding one of these keys, as a refusal naming the key. One statement, each key looked
 * up through its own index (an OR of the four would scan the table).
 */
async function checkUnique(trx: Transaction<ServerDb>, id: string, f: DirectoryPersonFields) {
  const keys: DirectoryCriterion[] = [
    { field: 'userName', value: f.userName },
    { field: 'email', value: f.email },
    ...(f.externalId ? [{ field: 'externalId' as const, value: f.externalId }] : []),
    ...(f.employeeNumber ? [{ field: 'employeeNumber' as const, value: f.employeeNumber }] : []),
  ];
  const lookups = keys.map((c) =>
    live(trx)
      .select((eb) => ['id', eb.val(c.field).as('field')])
      .where((eb) => criterion(eb, c))
      .where('id', '!=', id),
  );
  const [first, ...rest] = lookups as [(typeof lookups)[number], ...typeof lookups];
  const other = await rest
    .reduce((query, next) => query.unionAll(next), first)
    .limit(1)
    .executeTakeFirst();
  if (other)
    throw new DirectoryRefusal('uniqueness', `Another user (id ${other.id}) has this ${other.field}`);
}

/** The live person a manager reference names: by id, else by externalId. */
async function findManager(trx: Transaction<ServerDb>, ref: string) {
  const byId = await live(trx).select(['id', 'name']).where('id', '=', ref).executeTakeFirst();
  return byId ?? (await live(trx).select(['id', 'name']).where('external_id', '=', ref).executeTakeFirst());
}

/** Refuses making `managerId` the manager of `personId` when `personId` is already above them. */
async function checkNoCycle(trx: Transaction<ServerDb>, personId: string, managerId: string) {
  const chain: string[] = [];
  let at: string | null = managerId;
  // A bounded walk: a chain longer than the org can only be a loop already stored.
  for (let i = 0; at !== null && i < 10_000; i++) {
    const row: { id: string; name: string; manager_id: string | null } | undefined = await live(trx)
      .select(['id', 'name', 'manager_id'])
      .where('id', '=', at)
      .executeTakeFirst();
    if (!row) return;
    chain.push(row.name);
    if (row.id === personId) {
      const who = chain.join(' → ');
      throw new DirectoryRefusal('cycle', `This manager would make a loop in the reporting chain (${who})`);
    }
    at = row.manager_id;
  }
}

/**
 * Ends a person's access when the directory deactivates them: their Kith sessions are revoked in the same
 * transaction. The one place deactivation's side effects live (the session store's revocation joins here).
 */
export async function applyDeactivation(trx: Transaction<ServerDb>, personId: string) {
  await revokeSessionsOf(trx, personId);
}

/**
 * Creates (no `id` of a live person) or replaces a directory person with a new seq; resolves references to
 * them that were waiting; refuses a duplicate key or a manager loop, writing nothing.
 */
export async function writeDirectoryPerson(
  db: Kysely<ServerDb>,
  id: string,
  f: DirectoryPersonFields,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await checkUnique(trx, id, f);
    const old = await live(trx).select(['active']).where('id', '=', id).executeTakeFirst();
    const manager = f.managerRef ? await findManager(trx, f.managerRef) : undefined;
    if (manager) await checkNoCycle(trx, id, manager.id);
    const waiting = await live(trx)
      .select(['id'])
      .where('scim_manager_ref', 'in', [id, ...(f.externalId ? [f.externalId] : [])])
      .where('id', '!=', id)
      .execute();
    const seq = await reserveSeqs(trx, 1 + waiting.length);
    const columns = {
      email: f.email,
      name: f.name,
      title: f.title,
      department: f.department,
      location: f.location,
      manager_id: manager?.id ?? null,
      timezone: f.timezone,
      active: f.active ? 1 : 0,
      seq,
      external_id: f.externalId,
      user_name: f.userName,
      employee_number: f.employeeNumber,
      scim_resource: f.resource,
      scim_manager_ref: f.managerRef && !manager ? f.managerRef : null,
    };
    if (old) await trx.updateTable('people').set(columns).where('id', '=', id).execute();
    else
      await trx
        .insertInto('people')
        .values({ id, ...columns, skills: '[]', bio: '', deleted: 0 })
        .execute();
    if (old?.active === 1 && !f.active) await applyDeactivation(trx, id);
    for (const [i, report] of waiting.entries()) {
      await checkNoCycle(trx, report.id, id);
      await trx
        .updateTable('people')
        .set({ manager_id: id, scim_manager_ref: null, seq: seq + 1 + i })
        .where('id', '=', report.id)
        .execute();
    }
  });
}

/** A live person with this email whom no directory has claimed yet (a demo or HR import), for adoption. */
export async function findUnclaimedByEmail(db: ReadDb<ServerDb>, email: string) {
  return live(db)
    .select('id')
    .where('email', '=', email.toLowerCase())
    .where('user_name', 'is', null)
    .where('scim_resource', 'is', null)
    .executeTakeFirst();
}

/** The names of these live people, for a Group's member display. */
export async function findLiveNames(db: ReadDb<ServerDb>, ids: readonly string[]) {
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const rows = await live(db)
      .select(['id', 'name'])
      .where('id', 'in', ids.slice(i, i + 10_000))
      .execute();
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
