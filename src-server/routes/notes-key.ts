import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { ApiError } from '#shared/wire/auth';
import { NotesKeyResponse, WrappedNotesKey } from '#shared/wire/notes';
import type { ServerDb } from '../db/schema.ts';
import { BEARER_SECURITY, signedInPersonId } from '../http/auth.ts';
import { findNotesKey, putNotesKey } from '../repos/notes-keys.repo.ts';
import { SIGNED_IN_ERRORS } from './error-responses.ts';

/** The signed-in person's notes key, wrapped by their passphrase: theirs alone to read and write. */
export function notesKeyRoutes(db: Kysely<ServerDb>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/me/notes-key',
      {
        schema: {
          summary: "The signed-in person's wrapped notes key",
          description:
            'null until notes encryption is set up on one of their devices. The key is wrapped by a key ' +
            'derived from their passphrase: the server cannot unwrap it.',
          tags: ['notes'],
          security: BEARER_SECURITY,
          response: { 200: NotesKeyResponse, ...SIGNED_IN_ERRORS },
        },
      },
      async (request) => ({ notesKey: await findNotesKey(db, signedInPersonId(request)) }),
    );

    app.put(
      '/v1/me/notes-key',
      {
        schema: {
          summary: "Set up or re-wrap the signed-in person's notes key",
          description:
            'Stores the first key, or a new wrapping of the same key (the same keyId: a passphrase ' +
            'change). A different keyId is 409 conflict: another device set up notes encryption first.',
          tags: ['notes'],
          security: BEARER_SECURITY,
          body: WrappedNotesKey,
          response: { 200: NotesKeyResponse, ...SIGNED_IN_ERRORS, 409: ApiError },
        },
      },
      async (request) => ({
        notesKey: await putNotesKey(db, signedInPersonId(request), request.body, Date.now()),
      }),
    );
  };
}
