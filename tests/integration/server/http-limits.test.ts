import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '#shared/wire/auth';
import { issueToken, upsertPeople } from '#server/server';
import { makePerson, startTestServer, refusalOf, type ServerFixture } from './server-fixture.ts';
import { openSse, sleep } from './sse-client.ts';

const REQUEST_TIMEOUT_MS = 400;

let server: ServerFixture;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ timeouts: { requestTimeoutMs: REQUEST_TIMEOUT_MS } });
  await upsertPeople(server.db, [makePerson(1), makePerson(2)]);
  token = await issueToken(server.db, 'p000001');
});
afterAll(() => server.stop());

/** Writes raw bytes on a fresh socket; resolves with what the server sent and when it closed the socket. */
function rawExchange(bytes: string) {
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  const started = performance.now();
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.write(bytes);
  return new Promise<{ received: string; closedAfterMs: number }>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => resolve({ received, closedAfterMs: performance.now() - started }));
  });
}

/** The ApiError body of a raw HTTP response. */
function errorOf(raw: string) {
  return ApiError.parse(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).error;
}

describe('request timeouts', () => {
  it('closes a connection whose body is half-sent, with 408 in the ApiError shape, within the timeout', async () => {
    const { received, closedAfterMs } = await rawExchange(
      'POST /v1/auth/refresh HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 200\r\n\r\n{"refreshToken":"abc',
    );
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(errorOf(received).code).toBe('request_timeout');
    expect(closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    // Node checks on an interval of a quarter of the timeout; a generous bound for a loaded machine.
    expect(closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS * 4);
  });

  it('closes a connection whose headers never end', async () => {
    const { closedAfterMs } = await rawExchange('GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1');
    expect(closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS * 4);
  });

  it('does not cut the event stream: it still delivers a change after several request timeouts', async () => {
    const stream = await openSse(server.url, token);
    // Waiting is the point here: the stream must outlive the request timeout.
    await sleep(REQUEST_TIMEOUT_MS * 3);
    await upsertPeople(server.db, [makePerson(2, { title: 'Principal Engineer' })]);
    await server.announceChanges();
    expect((await stream.next(5000)).event).toBe('changed');
    stream.close();
  });
});

describe('bodies', () => {
  it('answers 413 payload_too_large to a body over the limit', async () => {
    // Fastify's default limit (1 MiB) on a route without its own.
    const response = await server.post('/v1/demo/sessions', {
      email: `${'x'.repeat(2_000_000)}@example.com`,
    });
    expect(await refusalOf(response)).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it.each(['/v1/auth/refresh', '/v1/auth/sign-out', '/v1/auth/sessions'])(
    'answers 413 to a sign-in body over 32 KB on %s',
    async (path) => {
      const response = await server.post(path, { refreshToken: 'x'.repeat(40_000), idToken: 'x' });
      expect(await refusalOf(response)).toMatchObject({ status: 413, code: 'payload_too_large' });
    },
  );

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
    'answers 415 unsupported_media_type to a %s body',
    async (type) => {
      const response = await fetch(`${server.url}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'refreshToken=abc',
      });
      expect(await refusalOf(response)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    },
  );
});

describe('URLs and headers in the ApiError shape', () => {
  it('a path parameter over the maximum length: 414', async () => {
    const response = await server.get(`/v1/communities/${'a'.repeat(150)}/snapshot`, token);
    expect(await refusalOf(response)).toMatchObject({ status: 414, code: 'uri_too_long' });
  });

  it('a long path that matches no route: 404', async () => {
    expect(await refusalOf(await server.get(`/v1/${'a'.repeat(300)}`))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it.each(['/v1/%zz', '/v1/communities/%E0%A4%A/snapshot'])(
    'a bad percent-escape in %s: 400',
    async (path) => {
      const response = await server.get(path, token);
      expect(await refusalOf(response)).toMatchObject({ status: 400, code: 'invalid_input' });
    },
  );

  it('an oversized header: 431 headers_too_large', async () => {
    const { received } = await rawExchange(
      `GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    expect(received).toMatch(/^HTTP\/1\.1 431 /);
    expect(errorOf(received)).toEqual({
      code: 'headers_too_large',
      message: 'The request headers are too large',
    });
  });
});

describe('numeric query parameters parse strictly', () => {
  it.each([
    'since=',
    'since=0&limit=1e3',
    'since=0x10',
    'since=-1',
    'since=1.5',
    'since=%207',
    'since=1&since=2',
  ])('GET /v1/sync/pull?%s: 400 invalid_input naming the parameter', async (query) => {
    const answer = await refusalOf(await server.get(`/v1/sync/pull?${query}`, token));
    expect(answer).toMatchObject({ status: 400, code: 'invalid_input' });
    expect(answer.message).toMatch(/query parameter '(since|limit)'/);
  });

  it.each(['cursor=', 'cursor=1e3', 'cursor=-5'])('GET /v1/sync/bootstrap?%s: 400', async (query) => {
    expect((await server.get(`/v1/sync/bootstrap?${query}`, token)).status).toBe(400);
  });

  it('accepts plain digits', async () => {
    expect((await server.get('/v1/sync/pull?since=0&limit=5', token)).status).toBe(200);
    expect((await server.get('/v1/sync/pull?since=0', token)).status).toBe(200);
  });
});
