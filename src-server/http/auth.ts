import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { KithError } from '#shared/errors';
import type { ServerDb } from '../db/schema.ts';
import { ApiRefusal } from './api-error.ts';
import { checkAccessToken } from '../repos/sessions.repo.ts';

const signedIn = new WeakMap<FastifyRequest, string>();

/** 401s with a code of their own, so a client can tell "refresh now" from "signed out for good". */
const REFUSED = {
  unknown: ['unauthorized', 'The access token is unknown or revoked; sign in again'],
  expired: ['token_expired', 'The access token has expired; refresh the session or sign in again'],
  inactive: ['person_inactive', 'This account has been deactivated; ask your administrator'],
} as const;

/**
 * An onRequest hook: lets a request through only with `Authorization: Bearer <a live, unexpired access
 * token>` of a live, active person.
 */
export function requireBearerToken(db: Kysely<ServerDb>): onRequestAsyncHookHandler {
  return async (request) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new KithError('unauthorized', 'Send Authorization: Bearer <token>');
    const check = await checkAccessToken(db, match[1]);
    if (!check.ok) {
      const [code, message] = REFUSED[check.reason];
      throw new ApiRefusal(401, code, message);
    }
    signedIn.set(request, check.personId);
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
