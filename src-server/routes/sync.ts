import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { BootstrapLine, BootstrapQuery, PullPage, PullQuery } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import { BEARER_SECURITY, signedInPersonId } from '../http/auth.ts';
import { openBootstrapStream } from '../sync/bootstrap-stream.ts';
import { pullChanges } from '../sync/pull-changes.ts';
import { SYNC_ERRORS } from './error-responses.ts';

export const NDJSON = 'application/x-ndjson';

export function syncRoutes(db: Kysely<ServerDb>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/sync/bootstrap',
      {
        schema: {
          summary: "A streamed snapshot of the signed-in person's view, valid at a cursor",
          description:
            'NDJSON: one begin line (total = the rows this response sends), then the sections in order, ' +
            'each with seq ≤ cursor: people (live, by id), connections (your own, by personId), ' +
            "shared_connections (others' shared ones, by ownerId then personId), notes (your own, as " +
            'ciphertext, by id), then one end line. Resume a cut-off stream with the same cursor, ' +
            'section=<the section it was in> and after=<the last key there: id, personId, ownerId/personId ' +
            'or note id>.',
          tags: ['sync'],
          security: BEARER_SECURITY,
          querystring: BootstrapQuery,
          response: {
            200: {
              description: 'One BootstrapLine a line',
              content: { [NDJSON]: { schema: BootstrapLine } },
            },
            ...SYNC_ERRORS,
          },
        },
      },
      async (request, reply) => {
        const stream = await openBootstrapStream(db, signedInPersonId(request), request.query);
        // The schema types the body as lines; the stream carries them, so send through the untyped reply.
        return (reply as FastifyReply).type(NDJSON).header('cache-control', 'no-store').send(stream);
      },
    );

    app.get(
      '/v1/sync/pull',
      {
        schema: {
          summary: "Changes to the signed-in person's view after a cursor, by seq",
          description:
            "People; your own connections (whole); others' connections as shared_connection: an upsert " +
            '(owner, person, kinds, strength) while shared, a delete once it turns private or is removed; ' +
            'your own notes as ciphertext. A page ends early once its notes reach 16 MB.',
          tags: ['sync'],
          security: BEARER_SECURITY,
          querystring: PullQuery,
          response: { 200: PullPage, ...SYNC_ERRORS },
        },
      },
      async (request) => pullChanges(db, signedInPersonId(request), request.query),
    );
  };
}
