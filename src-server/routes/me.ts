import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { KithError } from '#shared/errors';
import { Me } from '#shared/wire/auth';
import type { ServerDb } from '../db/schema.ts';
import { BEARER_SECURITY, signedInPersonId } from '../http/auth.ts';
import { findPerson } from '../repos/people.repo.ts';
import { SIGNED_IN_ERRORS } from './error-responses.ts';

export function meRoutes(db: Kysely<ServerDb>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/me',
      {
        schema: {
          summary: 'The signed-in person',
          tags: ['auth'],
          security: BEARER_SECURITY,
          response: { 200: Me, ...SIGNED_IN_ERRORS },
        },
      },
      async (request) => {
        const person = await findPerson(db, signedInPersonId(request));
        if (!person) throw new KithError('unauthorized', 'This account no longer exists');
        return { person };
      },
    );
  };
}
