import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { deletePerson } from '../repos/people.repo.ts';
import {
  findDirectoryPerson,
  findUnclaimedByEmail,
  listDirectoryPeople,
  writeDirectoryPerson,
  type DirectoryCriterion,
} from '../repos/directory-people.repo.ts';
import { canonicalize, checkProjection, project, USER_SHAPE } from './scim-attributes.ts';
import { baseUrl, bodyObject, idParam, noSuch, runWrite, sendScim, type ScimContext } from './scim-context.ts';
import type { Comparison } from './scim-filter.ts';
import { listResponse, readListQuery, unsupportedFilter } from './scim-list.ts';
import { applyPatch, readOperations } from './scim-patch.ts';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './scim-urns.ts';
import { renderUser, toDirectoryUser, type UserRow } from './scim-user.ts';

const SUPPORTED = 'userName, externalId, id, displayName, emails.value, emails[type eq "work"].value, active, employeeNumber';

/** A filter comparison as a criterion on people; anything else is invalidFilter. */
function toCriterion(c: Comparison): DirectoryCriterion {
  const { schema, attr, sub, valueFilter } = c.path;
  const a = attr.toLowerCase();
  const s = sub?.toLowerCase();
  const onUser = schema === undefined || schema === USER_SCHEMA.toLowerCase();
  const onEnterprise = schema === ENTERPRISE_SCHEMA.toLowerCase();
  const text = typeof c.value === 'string' ? c.value : undefined;
  const simple = !sub && !valueFilter;
  if (onUser && simple && text !== undefined) {
    const field = ({ username: 'userName', externalid: 'externalId', id: 'id', displayname: 'displayName' } as const)[
      a as 'username'
    ];
    if (field) return { field, value: text };
  }
  if (onUser && simple && a === 'active' && typeof c.value === 'boolean') return { field: 'active', value: c.value };
  if (onEnterprise && simple && a === 'employeenumber' && text !== undefined)
    return { field: 'employeeNumber', value: text };
  // The person's email is their primary (work) one: emails.value and emails[type eq "work"].value both find it.
  const workOnly =
    !valueFilter ||
    (valueFilter.length === 1 &&
      valueFilter[0]!.path.attr.toLowerCase() === 'type' &&
      String(valueFilter[0]!.value).toLowerCase() === 'work');
  if (onUser && a === 'emails' && (s === 'value' || s === undefined) && workOnly && text !== undefined)
    return { field: 'email', value: text };
  throw unsupportedFilter(c, SUPPORTED);
}

export function registerUserRoutes(app: FastifyInstance, ctx: ScimContext) {
  const { db } = ctx;
  const projectionOf = (query: unknown) => {
    const q = (query ?? {}) as Record<string, string | undefined>;
    const p = { attributes: q.attributes, excludedAttributes: q.excludedAttributes };
    checkProjection(p);
    return p;
  };
  const load = async (id: string) => {
    const row = await findDirectoryPerson(db, id);
    if (!row) throw noSuch('User', id);
    return row as UserRow;
  };
  const answer = async (id: string, base: string, query: unknown) =>
    project(renderUser(await load(id), base), 'User', projectionOf(query));

  app.get('/Users', async (request, reply) => {
    const params = readListQuery(request.query);
    const criteria = params.filter.map(toCriterion);
    const { total, rows } = await listDirectoryPeople(db, criteria, params);
    const base = baseUrl(request);
    const resources = rows.map((row) => project(renderUser(row, base), 'User', params.projection));
    return sendScim(reply, 200, listResponse(total, params.startIndex, resources));
  });

  app.get('/Users/:id', async (request, reply) => {
    const id = idParam(request, 'User');
    return sendScim(reply, 200, await answer(id, baseUrl(request), request.query));
  });

  app.post('/Users', async (request, reply) => {
    const user = toDirectoryUser(canonicalize(bodyObject(request.body), USER_SHAPE), new Date());
    // A person an HR import (or the demo) put in is taken over by the directory, not duplicated.
    const id = (await findUnclaimedByEmail(db, user.email))?.id ?? randomUUID();
    await runWrite(ctx, request, () => writeDirectoryPerson(db, id, user));
    const base = baseUrl(request);
    reply.header('location', `${base}/Users/${id}`);
    return sendScim(reply, 201, await answer(id, base, request.query));
  });

  app.put('/Users/:id', async (request, reply) => {
    const id = idParam(request, 'User');
    const old = await load(id);
    const user = toDirectoryUser(canonicalize(bodyObject(request.body), USER_SHAPE), new Date(), createdOf(old));
    await runWrite(ctx, request, () => writeDirectoryPerson(db, id, user));
    return sendScim(reply, 200, await answer(id, baseUrl(request), request.query));
  });

  app.patch('/Users/:id', async (request, reply) => {
    const id = idParam(request, 'User');
    const operations = readOperations(request.body);
    const old = await load(id);
    const base = baseUrl(request);
    const patched = applyPatch(renderUser(old, base, { forPatch: true }), operations, USER_SHAPE, USER_SCHEMA);
    const user = toDirectoryUser(canonicalize(patched, USER_SHAPE), new Date(), createdOf(old));
    await runWrite(ctx, request, () => writeDirectoryPerson(db, id, user));
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
