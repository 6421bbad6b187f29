import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { ServerDb } from './db/schema.ts';
import { frameworkErrors, handleClientError, installErrorHandling } from './http/api-error.ts';
import { requireBearerToken } from './http/auth.ts';
import { fastifyTimeoutOptions, HTTP_TIMEOUT_DEFAULTS, type HttpTimeouts } from './http/http-limits.ts';
import { openApiOptions } from './http/openapi-options.ts';
import type { IdTokenCheckOptions } from './auth/id-token.ts';
import type { OidcConfig } from './config/server-config.ts';
import { authRefreshRoutes } from './routes/auth-refresh.ts';
import { authSessionRoutes } from './routes/auth-sessions.ts';
import { communityRoutes } from './routes/communities.ts';
import { demoSessionRoutes } from './routes/demo-sessions.ts';
import { healthRoutes } from './routes/health.ts';
import { meRoutes } from './routes/me.ts';
import { notesKeyRoutes } from './routes/notes-key.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { scimRoutes } from './scim/scim-routes.ts';
import { pushRoutes } from './routes/push.ts';
import { syncEventRoutes } from './routes/sync-events.ts';
import { syncRoutes } from './routes/sync.ts';
import type { ChangeAnnouncer } from './sync/change-announcer.ts';
import type { ChangeHub } from './sync/change-hub.ts';
import { CHANGE_STREAM_DEFAULTS, type ChangeStreamOptions } from './sync/change-stream.ts';

export interface AppOptions {
  db: Kysely<ServerDb>;
  /** Answer POST /v1/demo/sessions (a server started with a demo org). */
  demo: boolean;
  logger: boolean;
  /** Serve SCIM 2.0 at /scim/v2 (the server configuration's scim.enabled); off: those paths are 404. */
  scim?: boolean;
  /** The server's address as clients reach it (the configuration's publicUrl); SCIM locations are built on it. */
  publicUrl?: string;
  /** Where committed writes are announced and GET /v1/sync/events listens; closed with the app. */
  changes: { hub: ChangeHub; announcer: ChangeAnnouncer; stream?: ChangeStreamOptions };
  /** How long a slow or stalled client may hold a socket; defaults in http-limits.ts. */
  timeouts?: Partial<HttpTimeouts>;
  /** Sign-in with the company's OpenID Provider (POST /v1/auth/sessions); GET /v1/auth/config publishes it. */
  oidc?: OidcConfig;
  idTokenCheck?: IdTokenCheckOptions;
}

/** The Fastify app with every route registered; not listening yet. */
export async function buildApp({
  db,
  demo,
  logger,
  scim = false,
  publicUrl,
  changes,
  timeouts,
  oidc,
  idTokenCheck,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    ...fastifyTimeoutOptions({ ...HTTP_TIMEOUT_DEFAULTS, ...timeouts }),
    // Refusals raised before a route is found, or by Node's parser, leave in the ApiError shape too.
    frameworkErrors,
    clientErrorHandler: handleClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // Every body is JSON: anything else (text/plain included, which Fastify parses by default) is a 415.
  app.removeContentTypeParser('text/plain');
  // Event streams never end on their own: end them first, or closing would wait for every client.
  app.addHook('preClose', () => changes.hub.close());

  // Registered before the routes: it collects them as they are added.
  await app.register(fastifySwagger, openApiOptions);

  await app.register(healthRoutes);
  await app.register(openApiRoutes);
  await app.register(demoSessionRoutes(db, demo));
  await app.register(authSessionRoutes(db, { demo, oidc, idTokenCheck }));
  await app.register(authRefreshRoutes(db));
  if (scim) await app.register(scimRoutes(db, changes.announcer, publicUrl), { prefix: '/scim/v2' });
  await app.register(async (signedIn) => {
    signedIn.addHook('onRequest', requireBearerToken(db));
    await signedIn.register(meRoutes(db));
    await signedIn.register(syncRoutes(db));
    await signedIn.register(pushRoutes(db, changes.announcer));
    await signedIn.register(syncEventRoutes(changes.hub, changes.stream ?? CHANGE_STREAM_DEFAULTS));
    await signedIn.register(notesKeyRoutes(db));
    await signedIn.register(communityRoutes(db));
  });
  return app;
}
