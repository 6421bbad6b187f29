import { Agent, createServer, request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to a reply. Every request still reaches the server first (a push is applied), so a
 * fault hides the server's answer from the client: the worst case for a client that must not lose or
 * repeat a write.
 */
export type Fault =
  /** An error status (a 500, a 503) with a JSON error body. */
  | { kind: 'status'; status: number }
  /** No reply at all: only the client's own timeout ends the request. */
  | { kind: 'hang' }
  /** The server's reply, announced whole (content-length) but cut off after this many body bytes. */
  | { kind: 'truncate'; keepBytes: number }
  /** The same, but the connection stays open after those bytes: the body just stops coming. */
  | { kind: 'stall'; keepBytes: number }
  /** A 200 whose body is this text instead of the server's. */
  | { kind: 'body'; body: string; contentType?: string };

/** One request as it went through: what the server answered, and what the client was told. */
export interface Exchange {
  method: string;
  path: string;
  requestBody: string;
  /** The server's own status and body, whatever the client got. */
  status: number;
  responseBody: string;
  fault: Fault['kind'] | null;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function forwardedHeaders(headers: IncomingHttpHeaders, length: number) {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  out['content-length'] = String(length);
  return out;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of a real server that injects faults per path prefix. `fail(prefix,
 * a, b)` answers the next matching request with fault a, and every later one with b, until `heal`. Every
 * exchange is recorded with the server's real answer, so a test can count what the server applied.
 */
export async function startFaultProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const agent = new Agent({ keepAlive: false });
  const rules = new Map<string, Fault[]>();
  const exchanges: Exchange[] = [];
  const hanging = new Set<ServerResponse>();

  function takeFault(path: string): Fault | null {
    for (const [prefix, faults] of rules) {
      if (!path.startsWith(prefix)) continue;
      const fault = faults.length > 1 ? faults.shift() : faults[0];
      return fault ?? null;
    }
    return null;
  }

  function upstream(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          method,
          path,
          agent,
          headers: { ...headers, host: target.host, connection: 'close' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const requestBody = Buffer.concat(chunks);
      const fault = takeFault(path);
      upstream(method, path, req.headers, requestBody).then(
        (reply) => {
          exchanges.push({
            method,
            path,
            requestBody: requestBody.toString('utf8'),
            status: reply.status,
            responseBody: reply.body.toString('utf8'),
            fault: fault?.kind ?? null,
          });
          answer(res, reply, fault);
        },
        (err: unknown) => {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'bad_gateway', message: String(err) } }));
        },
      );
    });
  });

  function answer(
    res: ServerResponse,
    reply: { status: number; headers: IncomingHttpHeaders; body: Buffer },
    fault: Fault | null,
  ) {
    if (res.destroyed) return; // the client gave up (its timeout) while the server worked
    if (!fault) {
      res.writeHead(reply.status, forwardedHeaders(reply.headers, reply.body.length));
      return void res.end(reply.body);
    }
    switch (fault.kind) {
      case 'status': {
        const body = JSON.stringify({ error: { code: 'internal', message: 'Injected fault' } });
        res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': body.length });
        return void res.end(body);
      }
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'stall':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        res.writeHead(reply.status, forwardedHeaders(reply.headers, reply.body.length));
        res.write(reply.body.subarray(0, Math.min(fault.keepBytes, reply.body.length - 1)));
        return;
      case 'truncate':
        res.writeHead(reply.status, forwardedHeaders(reply.headers, reply.body.length));
        res.write(reply.body.subarray(0, Math.min(fault.keepBytes, reply.body.length - 1)), () =>
          res.destroy(),
        );
        return;
      case 'body': {
        const body = Buffer.from(fault.body);
        res.writeHead(200, {
          'content-type': fault.contentType ?? 'application/json',
          'content-length': body.length,
        });
        return void res.end(body);
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    /** The next request under `prefix` gets the first fault, the one after the second…; the last repeats. */
    fail(prefix: string, ...faults: Fault[]) {
      if (faults.length === 0) throw new Error('fail() needs at least one fault');
      rules.set(prefix, [...faults]);
    },
    /** Requests under `prefix` (all, if omitted) go through untouched again. */
    heal(prefix?: string) {
      if (prefix === undefined) rules.clear();
      else rules.delete(prefix);
    },
    /** The exchanges whose path starts with `prefix`. */
    requestsTo(prefix: string) {
      return exchanges.filter((e) => e.path.startsWith(prefix));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
