import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { ApiError } from '#shared/wire/auth';
import { PUSH_BODY_MAX_BYTES, PushRequest, PushResponse } from '#shared/wire/push';
import type { ServerDb } from '../db/schema.ts';
import { BEARER_SECURITY, signedInPersonId } from '../http/auth.ts';
import { applyPush } from '../sync/apply-push.ts';
import type { ChangeAnnouncer } from '../sync/change-announcer.ts';
import { SIGNED_IN_ERRORS } from './error-responses.ts';

export function pushRoutes(db: Kysely<ServerDb>, changes: ChangeAnnouncer): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/sync/push',
      {
        bodyLimit: PUSH_BODY_MAX_BYTES,
        schema: {
          summary: "Apply a client's queued writes to the signed-in person's data",
          description:
            'All in one transaction, in mutation-id order. A mutation id at or below the last one this ' +
            'client sent is reported duplicate and not applied again. A client id belongs to the first ' +
            'account that pushes with it (403 for any other). A note write based on a revision another ' +
            'device has since replaced is reported conflict and not applied. Community writes are checked against ' +
            'the community rules as they are applied; a refused one is reported rejected with the reason ' +
            'and changes nothing.',
          tags: ['sync'],
          security: BEARER_SECURITY,
          body: PushRequest,
          response: { 200: PushResponse, ...SIGNED_IN_ERRORS, 403: ApiError },
        },
      },
      async (request) => {
        const response = await applyPush(db, signedInPersonId(request), request.body);
        // Committed: tell the event streams, without holding up the answer.
        changes.announce().catch((err: unknown) => request.log.error({ err }, 'Announcing changes failed'));
        return response;
      },
    );
  };
}
