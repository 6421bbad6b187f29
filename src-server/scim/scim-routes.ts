import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServerDb } from '../db/schema.ts';
import { findProvisioningToken } from '../repos/provisioning-tokens.repo.ts';
import type { ChangeAnnouncer } from '../sync/change-announcer.ts';
import { baseUrl, idParam, noSuch, sendScim, type ScimContext } from './scim-context.ts';
import { resourceTypeDocuments, schemaDocuments, serviceProviderConfig } from './scim-discovery.ts';
import { badRequest, installScimErrorHandling, ScimError } from './scim-errors.ts';
import { registerGroupRoutes } from './scim-groups.ts';
import { listResponse } from './scim-list.ts';
import { SCIM_BODY_MAX_BYTES } from './scim-urns.ts';
import { registerUserRoutes } from './scim-users.ts';

/** Only a live provisioning token opens /scim/v2; a person's session token is not one. */
function requireProvisioningToken(db: Kysely<ServerDb>) {
  return async (request: { headers: { authorization?: string | undefined } }) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new ScimError(401, 'Send Authorization: Bearer <provisioning token>');
    if (!(await findProvisioningToken(db, match[1])))
      throw new ScimError(401, 'The provisioning token is unknown or revoked');
  };
}

/** Both media types RFC 7644 §8.1 and real directories send; the body is JSON either way. */
function acceptScimJson(app: FastifyInstance) {
  // Fastify reads text/plain by default; SCIM takes JSON only, anything else is 415.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/scim+json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string) as unknown);
    } catch {
      done(badRequest('invalidSyntax', 'The body is not valid JSON'), undefined);
    }
  });
}

function registerDiscovery(app: FastifyInstance, ctx: ScimContext) {
  app.get('/ServiceProviderConfig', (request, reply) =>
    sendScim(reply, 200, serviceProviderConfig(baseUrl(ctx, request))),
  );
  const listed = (path: string, documents: (base: string) => { id: string }[]) => {
    app.get(path, (request, reply) => {
      const all = documents(baseUrl(ctx, request));
      return sendScim(reply, 200, listResponse(all.length, 1, all));
    });
    app.get(`${path}/:id`, (request, reply) => {
      const kind = path === '/Schemas' ? 'Schema' : 'ResourceType';
      const id = idParam(request, kind);
      const found = documents(baseUrl(ctx, request)).find((d) => d.id.toLowerCase() === id.toLowerCase());
      if (!found) throw noSuch(kind, id);
      return sendScim(reply, 200, found);
    });
  };
  listed('/Schemas', schemaDocuments);
  listed('/ResourceTypes', resourceTypeDocuments);
}

/**
 * SCIM 2.0 (RFC 7643, RFC 7644) under /scim/v2, for a company's directory (Entra ID, Okta…): discovery,
 * Users and Groups. Registered only when the server configuration enables SCIM.
 */
export function scimRoutes(
  db: Kysely<ServerDb>,
  announcer: ChangeAnnouncer,
  publicUrl?: string,
): FastifyPluginAsync {
  const ctx: ScimContext = { db, announcer, publicUrl };
  return async (app) => {
    installScimErrorHandling(app);
    // Every SCIM route: a larger body than Kith's own routes allow, and out of the OpenAPI document (the
    // RFCs and the discovery endpoints describe it).
    app.addHook('onRoute', (route) => {
      route.bodyLimit = SCIM_BODY_MAX_BYTES;
      route.schema = { ...route.schema, hide: true };
    });
    acceptScimJson(app);
    app.addHook('onRequest', requireProvisioningToken(db));
    registerDiscovery(app, ctx);
    registerUserRoutes(app, ctx);
    registerGroupRoutes(app, ctx);
  };
}
