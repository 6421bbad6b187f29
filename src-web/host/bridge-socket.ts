import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Core } from '#core/core-types';
import { ipcEventNames } from '#shared/ipc/channels';
import { createDispatcher } from '#shared/ipc/dispatch';
import type { IpcResult } from '#shared/ipc/result';

/** importExport.importContacts carries a file of up to 10 million characters (UTF-8 and JSON escapes make more bytes). */
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The contract over a WebSocket: `{ id, channel, input }` in, `{ id, result }` out, `{ event, payload }` pushed;
 * and one host message, `{ navigate: url }`: the tab goes to an identity provider's page (web-sign-in.ts).
 * Only the host's own page may connect: the path is /ws, the token matches and the Origin is the host's.
 */
export function attachBridgeSocket(
  server: Server,
  core: Core,
  options: { token: string; origin: () => string },
) {
  const dispatch = createDispatcher(core.handlers);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not Found');
    if (req.headers.origin !== options.origin()) return refuse(socket, 403, 'Forbidden');
    if (!sameToken(url.searchParams.get('token') ?? '', options.token))
      return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data) => {
      void handleMessage(String(data)).then((reply) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
      });
    });
  });

  async function handleMessage(raw: string): Promise<{ id: number | null; result: IpcResult }> {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return {
        id: null,
        result: { ok: false, error: { code: 'invalid_input', message: 'Malformed JSON message' } },
      };
    }
    const { id, channel, input } = (message ?? {}) as { id?: unknown; channel?: unknown; input?: unknown };
    if (typeof id !== 'number' || typeof channel !== 'string') {
      const error = { code: 'invalid_input' as const, message: 'A message needs a numeric id and a channel' };
      return { id: typeof id === 'number' ? id : null, result: { ok: false, error } };
    }
    return { id, result: await dispatch(channel, input) };
  }

  const unsubscribers = ipcEventNames.map((event) =>
    core.events.on(event, (payload) => {
      const message = JSON.stringify({ event, payload });
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(message);
    }),
  );

  return {
    /** A host message to every open tab, outside the contract: `{navigate: url}` (web-sign-in.ts). */
    broadcast(message: { navigate: string }) {
      const text = JSON.stringify(message);
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
    },
    close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
