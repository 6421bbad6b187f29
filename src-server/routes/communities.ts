import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CommunityId } from '#shared/domain/community';
import { ApiError } from '#shared/wire/auth';
import { CommunitySnapshot } from '#shared/wire/sync';
import type { ServerDb } from '../db/schema.ts';
import { BEARER_SECURITY, signedInPersonId } from '../http/auth.ts';
import { readCommunitySnapshot } from '../sync/community-snapshot.ts';
import { SIGNED_IN_ERRORS } from './error-responses.ts';

export function communityRoutes(db: Kysely<ServerDb>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/communities/:id/snapshot',
      {
        schema: {
          summary: 'One community, its live members and posts, as the signed-in person sees it now',
          description:
            'For a person who just gained a private community: pulls bring only what changes after their ' +
            'cursor, so its older members and posts come from here, once. cursor is the head the snapshot ' +
            'is whole at. Someone who only asked to join a private community gets it and their own ' +
            'membership. 404 when the community does not exist or is not visible to the signed-in person.',
          tags: ['communities'],
          security: BEARER_SECURITY,
          params: z.strictObject({ id: CommunityId }),
          response: { 200: CommunitySnapshot, ...SIGNED_IN_ERRORS, 404: ApiError },
        },
      },
      async (request) => readCommunitySnapshot(db, signedInPersonId(request), request.params.id),
    );
  };
}
