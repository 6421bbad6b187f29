import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { BootstrapLine, BootstrapQuery, PullPage, PullQuery } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import { BEARER_SECURITY } from '../http/auth.ts';
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
          summary: 'A streamed snapshot of the org, valid at a cursor',
          description:
            'NDJSON: one begin line, then one person line per live person with seq ≤ cursor and id > after, ' +
            'by id, then one end line. Resume a cut-off stream with the same cursor and after=<last id>.',
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
        const stream = await openBootstrapStream(db, request.query);
        // The schema types the body as lines; the stream carries them, so send through the untyped reply.
        return (reply as FastifyReply).type(NDJSON).header('cache-control', 'no-store').send(stream);
      },
    );

    app.get(
      '/v1/sync/pull',
      {
        schema: {
          summary: 'Changes after a cursor, by seq',
          tags: ['sync'],
          security: BEARER_SECURITY,
          querystring: PullQuery,
          response: { 200: PullPage, ...SYNC_ERRORS },
        },
      },
      async (request) => pullChanges(db, request.query),
    );
  };
}
