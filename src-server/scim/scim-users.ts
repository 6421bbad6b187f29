import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { deletePerson } from '../repos/people.repo.ts';
import {
  findDirectoryPerson,
  findUnclaimedByEmail,
  listDirectoryPeople,
  writeDirectoryPerson,
  type DirectoryCriterion,
} from '../repos/directory-people.repo.ts';
import { canonicalize, project, USER_SHAPE } from './scim-attributes.ts';
import {
  baseUrl,
  bodyObject,
  idParam,
  noSuch,
  runWrite,
  sendScim,
  type ScimContext,
} from './scim-context.ts';
import type { Comparison } from './scim-filter.ts';
import { listResponse, readListQuery, readProjection, unsupportedFilter } from './scim-list.ts';
import { applyPatch, readOperations } from './scim-patch.ts';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './scim-urns.ts';
import { renderUser, toDirectoryUser, type UserRow } from './scim-user.ts';

const SUPPORTED =
  'userName, externalId, id, displayName, emails.value, emails[type eq "work"].value, active, employeeNumber';

/** A filter comparison as a criterion on people; anything else is invalidFilter. */
function toCriterion(c: Comparison): DirectoryCriterion {
  const { schema, attr, sub, valueFilter } = c.path;
  if (c.op !== 'eq') throw unsupportedFilter(c, SUPPORTED);
  const a = attr.toLowerCase();
  const s = sub?.toLowerCase();
  const onUser = schema === undefined || schema === USER_SCHEMA.toLowerCase();
  const onEnterprise = schema === ENTERPRISE_SCHEMA.toLowerCase();
  const text = typeof c.value === 'string' ? c.value : undefined;
  const simple = !sub && !valueFilter;
  if (onUser && simple && text !== undefined) {
    const field = (
      { username: 'userName', externalid: 'externalId', id: 'id', displayname: 'displayName' } as const
    )[a as 'username'];
    if (field) return { field, value: text };
  }
  if (onUser && simple && a === 'active' && typeof c.value === 'boolean')
    return { field: 'active', value: c.value };
  if (onEnterprise && simple && a === 'employeenumber' && text !== undefined)
    return { field: 'employeeNumber', value: text };
  // The person's email is their primary (work) one: emails.value and emails[type eq "work"].value both find it.
  const [only, ...more] = valueFilter ?? [];
  const workOnly =
    !only ||
    (more.length === 0 &&
      only.path.attr.toLowerCase() === 'type' &&
      String(only.value).toLowerCase() === 'work');
  if (onUser && a === 'emails' && (s === 'value' || s === undefined) && workOnly && text !== undefined)
    return { field: 'email', value: text };
  throw unsupportedFilter(c, SUPPORTED);
}

export function registerUserRoutes(app: FastifyInstance, ctx: ScimContext) {
  const { db } = ctx;
  /*
   * A write reads the person through its own transaction (BEGIN IMMEDIATE on SQLite serializes writers), so
   * concurrent PATCHes each see the one before and a POST adopts an unclaimed person once. No FOR UPDATE:
   * Kysely's SQLite compiler emits it as is and SQLite refuses it; on PostgreSQL the load would take it.
   */
  const load = async (rdb: ReadDb<ServerDb>, id: string) => {
    const row = await findDirectoryPerson(rdb, id);
    if (!row) throw noSuch('User', id);
    return row as UserRow;
  };
  const answer = async (id: string, base: string, query: unknown) =>
    project(renderUser(await load(db, id), base), 'User', readProjection(query));

  app.get('/Users', async (request, reply) => {
    const params = readListQuery(request.query);
    const criteria = params.filter.map(toCriterion);
    const { total, rows } = await listDirectoryPeople(db, criteria, params);
    const base = baseUrl(ctx, request);
    const resources = rows.map((row) => project(renderUser(row, base), 'User', params.projection));
    return sendScim(reply, 200, listResponse(total, params.startIndex, resources));
  });

  app.get('/Users/:id', async (request, reply) => {
    const id = idParam(request, 'User');
    return sendScim(reply, 200, await answer(id, baseUrl(ctx, request), request.query));
  });

  app.post('/Users', async (request, reply) => {
    const user = toDirectoryUser(canonicalize(bodyObject(request.body), USER_SHAPE), new Date());
    // A person an HR import (or the demo) put in is taken over by the directory, not duplicated.
    const id = await runWrite(ctx, request, () =>
      inTransaction(db, async (trx) => {
        const adopted = (await findUnclaimedByEmail(trx, user.email))?.id ?? randomUUID();
        await writeDirectoryPerson(trx, adopted, user);
        return adopted;
      }),
    );
    const base = baseUrl(ctx, request);
    reply.header('location', `${base}/Users/${id}`);
    return sendScim(reply, 201, await answer(id, base, request.query));
  });

  app.put('/Users/:id', async (request, reply) => {
    const id = idParam(request, 'User');
    await runWrite(ctx, request, () =>
      inTransaction(db, async (trx) => {
        const created = createdOf(await load(trx, id));
        const body = canonicalize(bodyObject(request.body), USER_SHAPE);
        const user = toDirectoryUser(body, new Date(), created);
        await writeDirectoryPerson(trx, id, user);
      }),
    );
    return sendScim(reply, 200, await answer(id, baseUrl(ctx, request), request.query));
  });

  app.patch('/Users/:id', async (request, reply) => {
    const id = idParam(request, 'User');
    const operations = readOperations(request.body);
    const base = baseUrl(ctx, request);
    await runWrite(ctx, request, () =>
      inTransaction(db, async (trx) => {
        const old = await load(trx, id);
        const patched = applyPatch(
          renderUser(old, base, { forPatch: true }),
          operations,
          USER_SHAPE,
          USER_SCHEMA,
        );
        const user = toDirectoryUser(canonicalize(patched, USER_SHAPE), new Date(), createdOf(old));
        await writeDirectoryPerson(trx, id, user);
      }),
    );
    return sendScim(reply, 200, await answer(id, base, request.query));
  });

  app.delete('/Users/:id', async (request, reply) => {
    const id = idParam(request, 'User');
    const seq = await runWrite(ctx, request, () => deletePerson(db, id));
    if (seq === null) throw noSuch('User', id);
    return reply.code(204).send();
  });
}

function createdOf(row: UserRow): string | undefined {
  if (!row.scim_resource) return undefined;
  const stored = JSON.parse(row.scim_resource) as { meta?: { created?: string } };
  return stored.meta?.created;
}
