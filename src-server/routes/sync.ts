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
            'ciphertext, by id), communities you may see (by id), their memberships (by communityId then ' +
            'personId), their posts (by id), your community_prefs (by communityId), then one end line. A ' +
            'private community is in the view of its members only (one who asked to join: the community and ' +
            'their own membership). Resume a cut-off stream with the same cursor, section=<the section it ' +
            'was in> and after=<the last key there: id, personId, ownerId/personId, communityId/personId, ' +
            'note, post or community id>.',
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
            'your own notes as ciphertext; communities, memberships and posts you may see (a private ' +
            "community's to its members only), deletes for tombstones, and a community delete when one " +
            'leaves your view (you left or were removed, or it turned private); your own community_prefs. ' +
            'Gaining a private community brings it and your membership at one seq; its older members and ' +
            'posts come from GET /v1/communities/{id}/snapshot. A page ends early once its notes reach 16 ' +
            'MB, and never between two changes of one seq.',
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
