import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiError } from '#shared/wire/auth';
import { KithError, type ErrorCode } from '#shared/errors';
import { sendScimFrameworkError } from '../scim/scim-errors.ts';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  cursor_reset: 410,
  offline: 503,
  unavailable: 503,
  internal: 500,
};

/**
 * A refusal more specific than a KithError's code: its own status and wire code (e.g. 401 unknown_person,
 * 401 refresh_reused, 503 idp_unreachable), so a client can tell the cases apart; the message is for people.
 */
export class ApiRefusal extends Error {
  override name = 'ApiRefusal';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendApiError(reply: FastifyReply, code: ErrorCode, message: string) {
  return sendRefusal(reply, STATUS[code], code, message);
}

function sendRefusal(reply: FastifyReply, status: number, code: string, message: string) {
  const body: ApiError = { error: { code, message } };
  return reply.code(status).type('application/json').send(body);
}

const PART: Record<string, string> = {
  querystring: 'query parameter',
  body: 'body field',
  params: 'path parameter',
  headers: 'header',
};

/** "query parameter 'limit': Too big: …" — names the field, so the caller knows what to fix. */
function describeValidation(
  context: string | undefined,
  issues: { instancePath: string; message?: string }[],
) {
  const part = PART[context ?? ''] ?? 'input';
  return issues
    .map(({ instancePath, message }) => {
      const field = instancePath.replace(/^\//, '').replaceAll('/', '.');
      return field ? `${part} '${field}': ${message}` : `${part}s: ${message}`;
    })
    .join('; ');
}

/** Fastify's own 4xx refusals that have a status of their own, with the wire code they leave under. */
const FRAMEWORK_STATUS: Record<number, string> = {
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
};

/** Every error leaves as the ApiError shape: validation → 400 invalid_input, KithError → its code. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendApiError(reply, 'invalid_input', describeValidation(err.validationContext, err.validation));
    }
    if (err instanceof ApiRefusal) return sendRefusal(reply, err.status, err.code, err.message);
    if (err instanceof KithError) return sendApiError(reply, err.code, err.message);
    if (isResponseSerializationError(err) || !err.statusCode || err.statusCode >= 500) {
      request.log.error({ err }, 'request failed');
      return sendApiError(reply, 'internal', 'The server could not complete the request');
    }
    return sendFrameworkError(reply, err);
  });
  app.setNotFoundHandler((request, reply) =>
    sendApiError(reply, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}

/** Fastify's own 4xx: malformed JSON, wrong content type, body too large, a bad URL… */
function sendFrameworkError(reply: FastifyReply, err: FastifyError) {
  const status = err.statusCode ?? 400;
  if (status === 404) return sendApiError(reply, 'not_found', err.message);
  const code = FRAMEWORK_STATUS[status];
  return code
    ? sendRefusal(reply, status, code, err.message)
    : sendApiError(reply, 'invalid_input', err.message);
}

/**
 * Fastify's `frameworkErrors` option: errors raised before a route is found (a bad percent-escape, a path
 * segment over maxParamLength) would otherwise leave in Fastify's own shape.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  err: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) => {
  // SCIM's error handler is never reached before routing: a directory still gets a SCIM error there.
  if (/^\/scim\/v2(\/|\?|$)/.test(request.url)) void sendScimFrameworkError(reply, err);
  else void sendFrameworkError(reply, err);
};

/**
 * Fastify's `clientErrorHandler`: errors Node's HTTP parser raises before there is a request (an oversized
 * header, a malformed request line, a request that timed out) answer in the ApiError shape on the raw socket.
 */
export function handleClientError(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', 'The request was not received in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'The request headers are too large']
        : [400, 'invalid_input', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } } satisfies ApiError);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
