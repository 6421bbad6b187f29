import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ApiError, AuthSession, RefreshInput, SignOutInput } from '#shared/wire/auth';
import type { ServerDb } from '../db/schema.ts';
import { ApiRefusal } from '../http/api-error.ts';
import { refreshSession, revokeSessionByRefreshToken, type RefreshResult } from '../repos/sessions.repo.ts';
import { AUTH_BODY_LIMIT_BYTES, PUBLIC_ERRORS } from './error-responses.ts';

type Refused = Extract<RefreshResult, { ok: false }>['reason'];

const REFUSED: Record<Refused, [code: string, message: string]> = {
  unknown: ['unauthorized', 'The refresh token is unknown or revoked; sign in again'],
  expired: ['session_expired', 'The session has expired; sign in again'],
  reused: [
    'refresh_reused',
    'This refresh token was already used, so it may have been copied: every session of this sign-in was ' +
      'revoked. Sign in again.',
  ],
  inactive: ['person_inactive', 'This account has been deactivated; ask your administrator'],
  deactivated: [
    'person_inactive',
    'Your company’s directory deactivated this account, which ended its sessions. If it is active again, sign in again; otherwise ask your administrator.',
  ],
};

/** POST /v1/auth/refresh and /v1/auth/sign-out: the refresh token is the credential, no bearer header. */
export function authRefreshRoutes(db: Kysely<ServerDb>): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/auth/refresh',
      {
        bodyLimit: AUTH_BODY_LIMIT_BYTES,
        schema: {
          summary: 'Exchange a refresh token for a new session (a new access token and a new refresh token)',
          description:
            'The refresh token rotates: the one sent is used up. Sending a used one again revokes every ' +
            'session of that sign-in (401 refresh_reused). A deactivated person is refused (401 person_inactive).',
          tags: ['auth'],
          body: RefreshInput,
          response: { 200: AuthSession, 401: ApiError, ...PUBLIC_ERRORS },
        },
      },
      async (request) => {
        const result = await refreshSession(db, request.body.refreshToken);
        if (!result.ok) {
          const [code, message] = REFUSED[result.reason];
          throw new ApiRefusal(401, code, message);
        }
        return result.session;
      },
    );

    app.post(
      '/v1/auth/sign-out',
      {
        bodyLimit: AUTH_BODY_LIMIT_BYTES,
        schema: {
          summary: 'Revoke the session of a refresh token (its access tokens too); 204 even if already gone',
          tags: ['auth'],
          body: SignOutInput,
          response: { 204: z.null().describe('Signed out'), ...PUBLIC_ERRORS },
        },
      },
      async (request, reply) => {
        await revokeSessionByRefreshToken(db, request.body.refreshToken);
        return reply.code(204).send(null);
      },
    );
  };
}
