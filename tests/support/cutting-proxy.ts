import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy to a server on 127.0.0.1 that can be shut like a lost network, or cut a response off
 * mid-stream: after `cutAfterBytes` bytes of the next response whose request line matches, both sockets
 * are destroyed. It records every request line it forwards.
 */
export async function startCuttingProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const requests: string[] = [];
  let cut: { match: RegExp; afterBytes: number } | null = null;
  let open = true;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let budget: number | null = null;
    client.on('data', (chunk: Buffer) => {
      const line = chunk.toString('latin1').split('\r\n', 1)[0] ?? '';
      if (/^[A-Z]+ \//.test(line)) {
        requests.push(line);
        if (cut && cut.match.test(line)) {
          budget = cut.afterBytes;
          cut = null;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (budget === null) return void client.write(chunk);
      client.write(chunk.subarray(0, Math.max(0, budget)));
      budget -= chunk.length;
      if (budget <= 0) {
        client.destroy();
        upstream.destroy();
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Shut like a network going away: closed, every connection is dropped and new ones are refused. */
    setOpen(value: boolean) {
      open = value;
      if (!value) for (const s of sockets) s.destroy();
    },
    /** Cut the next response to a request matching `match` after this many bytes. */
    cutNext(match: RegExp, afterBytes: number) {
      cut = { match, afterBytes };
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
