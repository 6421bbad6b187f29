/**
 * The web host (development and end-to-end tests only, never shipped): the real core in this Node process,
 * the built renderer served on 127.0.0.1, window.api bridged over a token-guarded WebSocket.
 *   tsx src-web/main.ts [--server <url>] [--port <n>] [--data <dir>]
 * A demo server (or none: one is started) is signed in to at once; a server with an identity provider is not:
 * the welcome screen asks, and the sign-in runs in this tab (src-web/host/web-sign-in.ts).
 * "Export as Markdown" writes into $KITH_EXPORT_DIR when set, else into <data folder>/exports.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '#core/create-core';
import type { Core } from '#core/core-types';
import { parseArgs } from './host/args.ts';
import { signInToDemo } from './host/demo-sign-in.ts';
import { createFileSecretStore } from './host/file-secret-store.ts';
import { startDemoServer, type ServerProcess } from './host/server-process.ts';
import { startWebHost, type WebHost } from './host/web-host.ts';
import { createWebSignIn } from './host/web-sign-in.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = args.data ? resolve(args.data) : await mkdtemp(join(tmpdir(), 'kith-web-'));
  await mkdir(dataDir, { recursive: true });

  let serverProcess: ServerProcess | null = null;
  let core: Core | null = null;
  let host: WebHost | null = null;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await host?.close().catch((err: unknown) => console.error('web host: close failed', err));
    await core?.close().catch((err: unknown) => console.error('web host: core.close failed', err));
    await serverProcess?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    // The server this host started, also offered to the core for "Try the demo organization".
    const ensureServer = async (): Promise<string> => {
      if (args.server) return args.server;
      serverProcess ??= await startDemoServer({
        repoRoot,
        dataDir: await mkdtemp(join(tmpdir(), 'kith-server-')),
      });
      return serverProcess.url;
    };
    await ensureServer();
    // No dialogs in a browser tab: exports go to $KITH_EXPORT_DIR, else <data folder>/exports.
    const exportDir = resolve(process.env.KITH_EXPORT_DIR || join(dataDir, 'exports'));
    // Sign-in with an identity provider in the tab itself, back to this host's /callback (web-sign-in.ts).
    const webSignIn = createWebSignIn();
    core = await createCore({
      dataDir,
      openBrowser: (url) => webSignIn.openBrowser(url),
      openRedirectReceiver: webSignIn.openRedirectReceiver,
      secrets: createFileSecretStore(dataDir),
      launchDemoServer: async () => ({ serverUrl: await ensureServer() }),
      liveUpdates: true,
      chooseExportFolder: async () => exportDir,
      chooseSaveFile: async (name) => {
        await mkdir(exportDir, { recursive: true });
        return join(exportDir, name);
      },
    });
    await signInToDemo(core, await ensureServer());
    host = await startWebHost({ core, repoRoot, port: args.port, signIn: webSignIn });
  } catch (err) {
    console.error(`web host: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
    return;
  }

  console.log(`KITH_WEB_READY ${host.url}`);
  console.log(`Open ${host.url} in a browser`);
}

void main();
