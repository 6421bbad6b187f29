import type { FastifyServerOptions } from 'fastify';

/**
 * How long the server waits on a client. Without these a request whose body is half-sent holds its socket
 * forever (found by an adversarial pass: six such connections still open after 330 s).
 */
export interface HttpTimeouts {
  /** The whole request (headers and body) must arrive within this; then 408 and the socket closes. */
  requestTimeoutMs: number;
  /** A socket with no traffic either way for this long is closed; above the event stream's heartbeat. */
  connectionTimeoutMs: number;
  /** How long an idle keep-alive socket waits for its next request. */
  keepAliveTimeoutMs: number;
}

export const HTTP_TIMEOUT_DEFAULTS: HttpTimeouts = {
  requestTimeoutMs: 60_000,
  connectionTimeoutMs: 120_000,
  keepAliveTimeoutMs: 10_000,
};

/**
 * Fastify's options for these timeouts. Node checks request timeouts on an interval (30 s by default), so the
 * interval follows the timeout: a half-sent request is closed within about 1.25 times the timeout. Headers
 * must arrive within the same timeout. The event stream is not cut by requestTimeout: its request has ended
 * once the headers are in; its heartbeat keeps connectionTimeout from firing.
 */
export function fastifyTimeoutOptions(timeouts: HttpTimeouts) {
  const { requestTimeoutMs, connectionTimeoutMs, keepAliveTimeoutMs } = timeouts;
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: connectionTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    http: {
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(requestTimeoutMs / 4))),
    },
  } satisfies FastifyServerOptions & { http: object };
}
