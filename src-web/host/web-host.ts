import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Core } from '#core/core-types';
import { attachBridgeSocket } from './bridge-socket.ts';
import { buildBridge } from './build-bridge.ts';
import { createStaticHandler, injectBridge, securityHeaders } from './static-files.ts';
import type { WebSignIn } from './web-sign-in.ts';

const BRIDGE_PATH = '/web-bridge.js';

export interface WebHost {
  /** The address to open, with the per-run token. */
  url: string;
  close(): Promise<void>;
}

/** Serves the built renderer on 127.0.0.1 and bridges window.api to `core` over a WebSocket. */
export async function startWebHost(options: {
  core: Core;
  repoRoot: string;
  port: number;
  /** Sign-in with an identity provider in this tab: its /callback and its navigation (web-sign-in.ts). */
  signIn?: WebSignIn;
}): Promise<WebHost> {
  const rendererDir = join(options.repoRoot, 'out', 'renderer');
  // Read per request, so a rebuild (new asset hashes) needs no restart.
  const readIndex = async () =>
    injectBridge(await readFile(join(rendererDir, 'index.html'), 'utf8'), BRIDGE_PATH);
  await readIndex().catch(() => {
    throw new Error(`No built renderer at ${rendererDir}: run \`npm run build\` first (npm run web does).`);
  });
  const bridge = await buildBridge(options.repoRoot);
  const token = randomBytes(32).toString('base64url');

  let port = options.port;
  const server: Server = createServer();
  const handle = createStaticHandler({
    root: rendererDir,
    port: () => port,
    indexHtml: readIndex,
    extra: { [BRIDGE_PATH]: { type: 'text/javascript; charset=utf-8', body: () => bridge } },
  });
  const signIn = options.signIn;
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    if (signIn && (await signIn.handle(req, res, securityHeaders(port)))) return;
    await handle(req, res);
  };
  server.on('request', (req, res) => {
    route(req, res).catch((err: unknown) => {
      console.error('web host: request failed', err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });
  const socket = attachBridgeSocket(server, options.core, {
    token,
    origin: () => `http://127.0.0.1:${port}`,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  signIn?.attach({
    origin: `http://127.0.0.1:${port}`,
    navigate: (url) => socket.broadcast({ navigate: url }),
  });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
