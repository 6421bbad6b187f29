import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServerDb } from '../db/schema.ts';
import { DirectoryRefusal } from '../repos/directory-people.repo.ts';
import type { ChangeAnnouncer } from '../sync/change-announcer.ts';
import { badRequest, notFound, SCIM_CONTENT_TYPE, ScimError } from './scim-errors.ts';

/** What the SCIM routes share: the database, the announcer of committed writes, the public address. */
export interface ScimContext {
  db: Kysely<ServerDb>;
  announcer: ChangeAnnouncer;
  /** The server's address as clients reach it (the configuration's publicUrl), e.g. behind a TLS proxy. */
  publicUrl?: string | undefined;
}

/**
 * This server's SCIM base URL: resource locations are built on it. The configured public address when there
 * is one (behind a proxy the request says http:// and carries whatever Host it was sent); else as reached.
 */
export function baseUrl(ctx: Pick<ScimContext, 'publicUrl'>, request: FastifyRequest) {
  const origin = ctx.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
  return `${origin}/scim/v2`;
}

export function sendScim(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).type(SCIM_CONTENT_TYPE).send(body);
}

/** A request body that must be a JSON object (a User, a Group, a PatchOp). */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('invalidSyntax', 'The body is a JSON object');
  return body as Record<string, unknown>;
}

/** Runs a directory write and turns its refusals into SCIM errors; announces it once committed. */
export async function runWrite<T>(
  ctx: ScimContext,
  request: FastifyRequest,
  write: () => Promise<T>,
): Promise<T> {
  try {
    const result = await write();
    ctx.announcer.announce().catch((err: unknown) => request.log.error({ err }, 'Announcing changes failed'));
    return result;
  } catch (err) {
    if (!(err instanceof DirectoryRefusal)) throw err;
    if (err.reason === 'uniqueness') throw new ScimError(409, err.message, 'uniqueness');
    throw badRequest('invalidValue', err.message);
  }
}

export function noSuch(kind: string, id: string) {
  return notFound(`No ${kind} with id ${id}`);
}

/** The :id of a resource route; one that cannot be an id is simply not found. */
export function idParam(request: FastifyRequest, kind: string): string {
  const id = (request.params as { id?: unknown }).id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) throw noSuch(kind, String(id));
  return id;
}
