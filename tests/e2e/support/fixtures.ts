import { test as base, type Page } from '@playwright/test';
import { startServer, startWebHost, tempDir, type RunningProcess } from './processes.ts';

/** Port 9 (discard) on loopback: nothing answers, so a web host pointed there cannot sign in. */
const NOWHERE = 'http://127.0.0.1:9';
/** Starting the server (tsx, migrations, the demo org) or a web host may take most of a test's timeout. */
const START_TIMEOUT = 120_000;

/** The spec's name, refusing none: without it, two spec files could share a worker and its server. */
function named(spec: string): string {
  if (!spec) throw new Error("Set test.use({ spec: '<spec name>' }) in the spec file");
  return spec;
}

/** The demo server, which a test may stop (or crash) and start again as it was. */
export interface DemoServer {
  /** The same across restarts: it comes back on its port. */
  readonly url: string;
  readonly dataDir: string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data folder. */
  restart(): Promise<void>;
}

export interface HostOptions {
  /**
   * The spec's name, which names its temp folders. Each spec file sets its own: Playwright gives each set of
   * worker options a worker of its own, so no two spec files share a server or a web host.
   */
  spec: string;
  /** The server's data folder, for a spec that reads the server's database; a fresh one when unset. */
  serverData: string | undefined;
  /** false: the demo seeds no one's connections, so yours start from none. */
  connections: boolean;
  /** Environment of the web hosts (e.g. KITH_EXPORT_DIR, where exports go). */
  webEnv: Record<string, string>;
  /** Options of `webPage` (e.g. a light colour scheme for screenshots). */
  webPageOptions: { colorScheme?: 'light' | 'dark' };
}

export interface Hosts {
  server: DemoServer;
  /** A computer signed in to `server` (as the demo person). */
  web: RunningProcess;
  /** A second computer signed in to `server` as the same person: another device. */
  secondWeb: RunningProcess;
  /** A computer whose server answers nothing: it starts signed out, on the welcome screen. */
  signedOutWeb: RunningProcess;
  /** A page kept across the spec's tests (the specs run serially, each test going on from the last). */
  webPage: Page;
  /** A second page, kept likewise: the other computer's. */
  secondPage: Page;
}

/**
 * The e2e `test`: a server and web hosts started once per spec file (worker fixtures, started when a test
 * first asks for them) and stopped when its worker ends. A spec sets `test.use({ spec: '<name>', … })`.
 */
export const test = base.extend<object, HostOptions & Hosts>({
  spec: ['', { scope: 'worker', option: true }],
  serverData: [undefined, { scope: 'worker', option: true }],
  connections: [true, { scope: 'worker', option: true }],
  webEnv: [{}, { scope: 'worker', option: true }],
  webPageOptions: [{}, { scope: 'worker', option: true }],

  server: [
    async ({ spec, serverData, connections }, use) => {
      const dataDir = serverData ?? tempDir(`kith-e2e-${named(spec)}-server-`);
      let running = await startServer({ dataDir, connections });
      const port = Number(new URL(running.url).port);
      await use({
        url: running.url,
        dataDir,
        kill: (signal) => running.kill(signal),
        async restart() {
          running = await startServer({ port, dataDir, connections });
        },
      });
      await running.kill();
    },
    { scope: 'worker', timeout: START_TIMEOUT },
  ],
  web: [
    async ({ spec, server, webEnv }, use) => {
      const web = await startWebHost(server.url, { dataDir: tempDir(`kith-e2e-${spec}-web-`), env: webEnv });
      await use(web);
      await web.kill();
    },
    { scope: 'worker', timeout: START_TIMEOUT },
  ],
  secondWeb: [
    async ({ spec, server, webEnv }, use) => {
      const web = await startWebHost(server.url, { dataDir: tempDir(`kith-e2e-${spec}-web2-`), env: webEnv });
      await use(web);
      await web.kill();
    },
    { scope: 'worker', timeout: START_TIMEOUT },
  ],
  signedOutWeb: [
    async ({ spec, webEnv }, use) => {
      const web = await startWebHost(NOWHERE, {
        dataDir: tempDir(`kith-e2e-${named(spec)}-away-`),
        env: webEnv,
      });
      await use(web);
      await web.kill();
    },
    { scope: 'worker', timeout: START_TIMEOUT },
  ],
  webPage: [
    async ({ browser, webPageOptions }, use) => {
      const page = await browser.newPage(webPageOptions);
      await use(page);
      await page.close();
    },
    { scope: 'worker' },
  ],
  secondPage: [
    async ({ browser }, use) => {
      const page = await browser.newPage();
      await use(page);
      await page.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
