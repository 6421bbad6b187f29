import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { COMMUNITY_NAME_MAX } from '#shared/domain/community';
import type { ReadDb } from '#shared/node/open-database';
import type { ServerDb } from '../db/schema.ts';
import { inTransaction } from '../db/in-transaction.ts';
import {
  archiveDirectoryGroup,
  findDirectoryGroup,
  listDirectoryGroups,
  listGroupMembers,
  writeDirectoryGroup,
  type DirectoryGroupFields,
  type GroupCriterion,
} from '../repos/directory-groups.repo.ts';
import { canonicalize, GROUP_SHAPE, project, type Projection } from './scim-attributes.ts';
import {
  baseUrl,
  bodyObject,
  idParam,
  noSuch,
  runWrite,
  sendScim,
  type ScimContext,
} from './scim-context.ts';
import { badRequest } from './scim-errors.ts';
import type { Comparison } from './scim-filter.ts';
import { listResponse, readListQuery, readProjection, unsupportedFilter } from './scim-list.ts';
import { applyPatch, readOperations } from './scim-patch.ts';
import { GROUP_SCHEMA } from './scim-urns.ts';
import { describeIssues } from './scim-user.ts';

const GroupInput = z.object({
  displayName: z.string().trim().min(1, 'displayName is required').max(COMMUNITY_NAME_MAX),
  externalId: z.string().max(256).nullish(),
  members: z
    .array(z.object({ value: z.string().min(1).max(64), type: z.string().max(20).nullish() }))
    .max(50_000)
    .nullish(),
});

function toGroupFields(body: Record<string, unknown>): DirectoryGroupFields {
  const parsed = GroupInput.safeParse(canonicalize(body, GROUP_SHAPE));
  if (!parsed.success) throw badRequest('invalidValue', describeIssues(parsed.error));
  const { displayName, externalId, members } = parsed.data;
  const nested = (members ?? []).find((m) => m.type && m.type.toLowerCase() !== 'user');
  if (nested)
    throw badRequest('invalidValue', `Member ${nested.value}: only users can be members (no nested groups)`);
  return {
    displayName,
    externalId: externalId?.trim() || null,
    memberIds: (members ?? []).map((m) => m.value),
  };
}

const SUPPORTED = 'displayName, externalId, id, members[value eq "…"]';

function toCriterion(c: Comparison): GroupCriterion {
  const { schema, attr, sub, valueFilter } = c.path;
  const a = attr.toLowerCase();
  const text = typeof c.value === 'string' ? c.value : undefined;
  if (schema !== undefined && schema !== GROUP_SCHEMA.toLowerCase()) throw unsupportedFilter(c, SUPPORTED);
  if (c.op === 'eq' && !sub && !valueFilter && text !== undefined) {
    const field = ({ displayname: 'displayName', externalid: 'externalId', id: 'id' } as const)[a as 'id'];
    if (field) return { field, value: text };
  }
  // members.value eq "x", or Entra ID's members[value eq "x"]: the group has that member.
  const member =
    c.op === 'eq' && a === 'members' && (sub?.toLowerCase() === 'value' || (!sub && !valueFilter))
      ? text
      : undefined;
  const vf = valueFilter?.length === 1 ? valueFilter[0] : undefined;
  if (member !== undefined) return { field: 'member', value: member };
  if (
    c.op === 'has' &&
    a === 'members' &&
    vf?.path.attr.toLowerCase() === 'value' &&
    typeof vf.value === 'string'
  )
    return { field: 'member', value: vf.value };
  throw unsupportedFilter(c, SUPPORTED);
}

type GroupRow = NonNullable<Awaited<ReturnType<typeof findDirectoryGroup>>>;

/** Members are read only when the answer carries them (Entra ID and Okta mostly exclude them). */
function wantsMembers(p: Projection) {
  const names = (list?: string) => (list ?? '').split(',').map((s) => s.trim().toLowerCase());
  if (p.attributes) return names(p.attributes).some((n) => (n.split('.')[0] ?? '').endsWith('members'));
  return !names(p.excludedAttributes).some((n) => n === 'members' || n.endsWith(':members'));
}

export function registerGroupRoutes(app: FastifyInstance, ctx: ScimContext) {
  const { db } = ctx;
  async function render(rdb: ReadDb<ServerDb>, row: GroupRow, base: string, p: Projection) {
    const members = wantsMembers(p) ? await listGroupMembers(rdb, row.id) : undefined;
    const resource = {
      schemas: [GROUP_SCHEMA],
      id: row.id,
      externalId: row.external_id ?? undefined,
      displayName: row.name,
      members: members?.map((m) => ({
        value: m.id,
        display: m.name,
        type: 'User',
        $ref: `${base}/Users/${m.id}`,
      })),
      meta: {
        resourceType: 'Group',
        created: row.created_at,
        lastModified: row.updated_at,
        location: `${base}/Groups/${row.id}`,
      },
    };
    return project(resource, 'Group', p);
  }
  /*
   * A write reads the group through its own transaction (BEGIN IMMEDIATE on SQLite serializes writers), so
   * concurrent PATCHes and a racing DELETE are applied one after the other, none lost. No FOR UPDATE: Kysely's
   * SQLite compiler emits it as is and SQLite refuses it; on PostgreSQL the row load would take `.forUpdate()`.
   */
  const load = async (rdb: ReadDb<ServerDb>, id: string) => {
    const row = await findDirectoryGroup(rdb, id);
    if (!row) throw noSuch('Group', id);
    return row;
  };
  const answer = async (id: string, base: string, query: unknown) =>
    render(db, await load(db, id), base, readProjection(query));

  app.get('/Groups', async (request, reply) => {
    const params = readListQuery(request.query);
    const { total, rows } = await listDirectoryGroups(db, params.filter.map(toCriterion), params);
    const base = baseUrl(ctx, request);
    const resources = await Promise.all(rows.map((row) => render(db, row, base, params.projection)));
    return sendScim(reply, 200, listResponse(total, params.startIndex, resources));
  });

  app.get('/Groups/:id', async (request, reply) => {
    return sendScim(
      reply,
      200,
      await answer(idParam(request, 'Group'), baseUrl(ctx, request), request.query),
    );
  });

  app.post('/Groups', async (request, reply) => {
    const fields = toGroupFields(bodyObject(request.body));
    const id = randomUUID();
    await runWrite(ctx, request, () => writeDirectoryGroup(db, id, fields));
    const base = baseUrl(ctx, request);
    reply.header('location', `${base}/Groups/${id}`);
    return sendScim(reply, 201, await answer(id, base, request.query));
  });

  app.put('/Groups/:id', async (request, reply) => {
    const id = idParam(request, 'Group');
    await runWrite(ctx, request, () =>
      inTransaction(db, async (trx) => {
        await load(trx, id);
        await writeDirectoryGroup(trx, id, toGroupFields(bodyObject(request.body)));
      }),
    );
    return sendScim(reply, 200, await answer(id, baseUrl(ctx, request), request.query));
  });

  app.patch('/Groups/:id', async (request, reply) => {
    const id = idParam(request, 'Group');
    const operations = readOperations(request.body);
    const base = baseUrl(ctx, request);
    await runWrite(ctx, request, () =>
      inTransaction(db, async (trx) => {
        const current = await render(trx, await load(trx, id), base, {});
        const fields = toGroupFields(applyPatch(current, operations, GROUP_SHAPE, GROUP_SCHEMA));
        await writeDirectoryGroup(trx, id, fields);
      }),
    );
    // A group may hold thousands of members: the group comes back only when asked for (RFC 7644 §3.5.2).
    const asked = readProjection(request.query);
    if (!asked.attributes && !asked.excludedAttributes) return reply.code(204).send();
    return sendScim(reply, 200, await answer(id, base, request.query));
  });

  app.delete('/Groups/:id', async (request, reply) => {
    const id = idParam(request, 'Group');
    const archived = await runWrite(ctx, request, () => archiveDirectoryGroup(db, id));
    if (!archived) throw noSuch('Group', id);
    return reply.code(204).send();
  });
}
