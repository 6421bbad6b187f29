import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { findPersonIdByToken } from '../repos/tokens.repo.ts';

const signedIn = new WeakMap<FastifyRequest, string>();

/** An onRequest hook: lets a request through only with `Authorization: Bearer <a live token>`. */
export function requireBearerToken(db: Kysely<ServerDb>): onRequestAsyncHookHandler {
  return async (request) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new KithError('unauthorized', 'Send Authorization: Bearer <token>');
    const personId = await findPersonIdByToken(db, match[1]);
    if (!personId) throw new KithError('unauthorized', 'The token is unknown or revoked; sign in again');
    signedIn.set(request, personId);
  };
}

/** The id of the person whose token authenticated this request (behind requireBearerToken only). */
export function signedInPersonId(request: FastifyRequest): string {
  const id = signedIn.get(request);
  if (!id) throw new KithError('unauthorized', 'Not signed in');
  return id;
}

/** The OpenAPI security requirement of a route behind requireBearerToken. */
export const BEARER_SECURITY = [{ bearerAuth: [] }];
