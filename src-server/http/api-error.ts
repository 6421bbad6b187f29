import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiError } from '#shared/wire/auth';
import { KithError, type ErrorCode } from '#shared/errors';

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

export function sendApiError(reply: FastifyReply, code: ErrorCode, message: string) {
  const body: ApiError = { error: { code, message } };
  return reply.code(STATUS[code]).type('application/json').send(body);
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

/** Every error leaves as the ApiError shape: validation → 400 invalid_input, KithError → its code. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendApiError(reply, 'invalid_input', describeValidation(err.validationContext, err.validation));
    }
    if (err instanceof KithError) return sendApiError(reply, err.code, err.message);
    if (isResponseSerializationError(err) || !err.statusCode || err.statusCode >= 500) {
      request.log.error({ err }, 'request failed');
      return sendApiError(reply, 'internal', 'The server could not complete the request');
    }
    // Fastify's own 4xx: malformed JSON, wrong content type, body too large…
    const code: ErrorCode = err.statusCode === 404 ? 'not_found' : 'invalid_input';
    return sendApiError(reply, code, err.message);
  });
  app.setNotFoundHandler((request, reply) =>
    sendApiError(reply, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
