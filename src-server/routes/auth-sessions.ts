import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { ApiError, AuthConfig, AuthSession, OidcSignInInput } from '#shared/wire/auth';
import type { OidcConfig } from '../config/server-config.ts';
import type { ServerDb } from '../db/schema.ts';
import { createIdTokenVerifier, type IdTokenCheckOptions } from '../auth/id-token.ts';
import { signInWithIdToken } from '../auth/oidc-sign-in.ts';
import { ApiRefusal } from '../http/api-error.ts';
import { PUBLIC_ERRORS } from './error-responses.ts';

export interface AuthSessionRoutesOptions {
  demo: boolean;
  oidc: OidcConfig | undefined;
  idTokenCheck?: IdTokenCheckOptions;
}

/** GET /v1/auth/config and POST /v1/auth/sessions (sign-in with an ID token); no bearer token needed. */
export function authSessionRoutes(
  db: Kysely<ServerDb>,
  options: AuthSessionRoutesOptions,
): FastifyPluginAsyncZod {
  const { demo, oidc } = options;
  const verifier = oidc && createIdTokenVerifier(oidc, options.idTokenCheck);
  const config: AuthConfig = oidc
    ? {
        mode: 'oidc',
        providerName: oidc.providerName,
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        scopes: oidc.scopes,
        redirectPort: oidc.redirectPort,
      }
    : { mode: demo ? 'demo' : 'none' };

  return async (app) => {
    app.get(
      '/v1/auth/config',
      {
        schema: {
          summary: 'How people sign in to this server (so a user types only its URL)',
          tags: ['auth'],
          response: { 200: AuthConfig, ...PUBLIC_ERRORS },
        },
      },
      async () => config,
    );

    app.post(
      '/v1/auth/sessions',
      {
        schema: {
          summary: "Sign in with an ID token from the company's OpenID Provider",
          description:
            'The server checks the ID token itself (signature against the provider’s JWKS, iss, aud, azp, exp, ' +
            'iat, nbf with a small clock tolerance), maps it to an active person of the directory and answers ' +
            'a session. Refusals are 401 with a code naming the reason: invalid_id_token, id_token_expired, ' +
            'wrong_issuer, wrong_audience, email_not_verified, email_domain_not_allowed, unknown_person, ' +
            'person_inactive; 503 idp_unreachable when the provider cannot be reached.',
          tags: ['auth'],
          body: OidcSignInInput,
          response: { 200: AuthSession, 401: ApiError, 503: ApiError, ...PUBLIC_ERRORS },
        },
      },
      async (request) => {
        if (!oidc || !verifier) {
          throw new ApiRefusal(404, 'oidc_not_configured', 'This server has no identity provider configured');
        }
        return signInWithIdToken(db, oidc, verifier, request.body.idToken);
      },
    );
  };
}
