import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/** RFC 7644 §3.12: the scimType values this server answers with. */
export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidValue'
  | 'invalidPath'
  | 'noTarget'
  | 'mutability'
  | 'uniqueness'
  | 'tooMany';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** A refusal that leaves as a SCIM error; thrown anywhere under /scim/v2, before anything is written. */
export class ScimError extends Error {
  override name = 'ScimError';
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
  }
}

export const badRequest = (scimType: ScimType, message: string) => new ScimError(400, message, scimType);
export const notFound = (message: string) => new ScimError(404, message);

export function sendScimError(reply: FastifyReply, status: number, detail: string, scimType?: ScimType) {
  const body = { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
  return reply.code(status).type(SCIM_CONTENT_TYPE).send(body);
}

/** Fastify's own 4xx under /scim/v2 (bad JSON, 413, 415, a bad percent-escape before routing) as SCIM errors. */
export function sendScimFrameworkError(reply: FastifyReply, err: FastifyError) {
  const status = err.statusCode ?? 400;
  if (status === 413) return sendScimError(reply, 413, 'The request body is too large');
  if (status === 415) return sendScimError(reply, 415, err.message);
  return sendScimError(reply, status, err.message, status === 400 ? 'invalidSyntax' : undefined);
}

/** Every error under the SCIM prefix in the SCIM error shape, Fastify's own (bad JSON, 413, 415) included. */
export function installScimErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ScimError) return sendScimError(reply, err.status, err.message, err.scimType);
    if (!err.statusCode || err.statusCode >= 500) {
      request.log.error({ err }, 'SCIM request failed');
      return sendScimError(reply, 500, 'The server could not complete the request');
    }
    return sendScimFrameworkError(reply, err);
  });
  app.setNotFoundHandler((request, reply) =>
    sendScimError(reply, 404, `No SCIM endpoint ${request.method} ${request.url.split('?')[0]}`),
  );
}
