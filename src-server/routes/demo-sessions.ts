import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { KithError } from '#shared/errors';
import { AuthSession, DemoSessionInput } from '#shared/wire/auth';
import type { ServerDb } from '../db/schema.ts';
import { findPerson, findPersonByEmail } from '../repos/people.repo.ts';
import { findMeta } from '../repos/server-meta.repo.ts';
import { issueSession } from '../repos/sessions.repo.ts';
import { PUBLIC_ERRORS } from './error-responses.ts';

/** Signs in to the demo org without a password; answers 404 unless the server runs a demo org. */
export function demoSessionRoutes(db: Kysely<ServerDb>, demo: boolean): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/demo/sessions',
      {
        schema: {
          summary: 'Sign in to the demo org as a given person, or as its designated demo user',
          tags: ['auth'],
          body: DemoSessionInput,
          response: { 200: AuthSession, ...PUBLIC_ERRORS },
        },
        // A POST without a body means "the default demo user".
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => {
        if (!demo) throw new KithError('not_found', 'This server does not run a demo organization');
        const { email } = request.body;
        const person = email ? await findPersonByEmail(db, email) : await findDemoUser(db);
        if (!person) {
          throw new KithError(
            'not_found',
            email ? `No person with email ${email}` : 'The demo org has no demo user',
          );
        }
        return issueSession(db, person.id);
      },
    );
  };
}

async function findDemoUser(db: Kysely<ServerDb>) {
  const id = await findMeta(db, 'demo_user_id');
  return id === undefined ? undefined : findPerson(db, id);
}
