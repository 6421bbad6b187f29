import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SYNC_EVENTS_CONTENT_TYPE, SYNC_EVENTS_PATH, SYNC_EVENT_CHANGED } from '#shared/wire/sync-events';
import { BEARER_SECURITY, signedInPersonId } from '../http/auth.ts';
import type { ChangeHub } from '../sync/change-hub.ts';
import { openChangeStream, type ChangeStreamOptions } from '../sync/change-stream.ts';
import { SIGNED_IN_ERRORS } from './error-responses.ts';

export function syncEventRoutes(hub: ChangeHub, options: ChangeStreamOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      SYNC_EVENTS_PATH,
      {
        schema: {
          summary: "Server-sent events: the signed-in person's view changed, pull now",
          description:
            `A text/event-stream that stays open. \`event: ${SYNC_EVENT_CHANGED}\` with the server's cursor as ` +
            'data follows every committed change in your view (at most one event per ' +
            `${options.coalesceMs} ms: changes close together come as one); a comment line every ` +
            `${options.heartbeatMs / 1000} s keeps it open. Changes to org data (people, shared connections, ` +
            'communities that are not private, their members and posts) reach everyone; your private ' +
            "connections, notes and community preferences reach you only; a private community's rows reach " +
            'its members. Events carry ' +
            'no data beyond the cursor and are not replayed: pull once the stream opens, then on each event.',
          tags: ['sync'],
          security: BEARER_SECURITY,
          response: {
            200: {
              description: 'An event stream',
              content: { [SYNC_EVENTS_CONTENT_TYPE]: { schema: z.string() } },
            },
            ...SIGNED_IN_ERRORS,
          },
        },
      },
      async (request, reply) => {
        const stream = openChangeStream(hub, signedInPersonId(request), options);
        reply.raw.once('close', stream.stop);
        // The schema types the body as text; the stream carries it, so send through the untyped reply.
        return (
          (reply as FastifyReply)
            .type(SYNC_EVENTS_CONTENT_TYPE)
            .header('cache-control', 'no-store')
            // The socket closes with the stream: a server shutting down has no idle keep-alive to wait for.
            .header('connection', 'close')
            .header('x-accel-buffering', 'no')
            .send(stream.body)
        );
      },
    );
  };
}
