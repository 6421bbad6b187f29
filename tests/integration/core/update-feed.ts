import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import {
  createServer,
  request,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
// electron-updater's own runtime (a dependency of it): the same HttpExecutor base its Electron executor extends.
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { stringify } from 'yaml';

/** What electron-updater's generic provider asks for on Linux: `<channel>-linux.yml`, with the arch unless x64. */
export function channelFile(channel: 'latest' | 'beta'): string {
  return `${channel}-linux${process.arch === 'x64' ? '' : `-${process.arch}`}.yml`;
}

export interface FeedRequest {
  path: string;
  stagingId: string | undefined;
}

interface Route {
  status: number;
  body: Buffer | string;
}

export interface Release {
  version: string;
  channel?: 'latest' | 'beta';
  stagingPercentage?: number;
  /** Publish a checksum that does not match the file (a corrupted upload). */
  badChecksum?: boolean;
}

/** An update server on 127.0.0.1, as electron-builder lays one out: channel files next to the packages. */
export async function startUpdateFeed() {
  const routes = new Map<string, Route>();
  const requests: FeedRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const staging = req.headers['x-user-staging-id'];
    requests.push({ path, stagingId: typeof staging === 'string' ? staging : undefined });
    const route = routes.get(path) ?? { status: 404, body: 'not found' };
    res.writeHead(route.status, { 'content-length': Buffer.byteLength(route.body) }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/kith`,
    requests,
    /** Requests for one file, e.g. channelFile('latest'). */
    count: (file: string) => requests.filter((r) => r.path === `/kith/${file}`).length,
    serve(file: string, body: Buffer | string, status = 200) {
      routes.set(`/kith/${file}`, { status, body });
    },
    /** A .deb of random bytes and the channel file describing it, as `electron-builder --publish` would write. */
    publish(release: Release) {
      const file = `kith-${release.version}.deb`;
      const bytes = randomBytes(256 * 1024);
      const real = createHash('sha512').update(bytes).digest('base64');
      const sha512 = release.badChecksum ? createHash('sha512').update('other').digest('base64') : real;
      routes.set(`/kith/${file}`, { status: 200, body: bytes });
      const yml = stringify({
        version: release.version,
        files: [{ url: file, sha512, size: bytes.length }],
        path: file,
        sha512,
        releaseDate: new Date(0).toISOString(),
        ...(release.stagingPercentage === undefined ? {} : { stagingPercentage: release.stagingPercentage }),
      });
      routes.set(`/kith/${channelFile(release.channel ?? 'latest')}`, { status: 200, body: yml });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Node's http in place of Electron's net. `download` is what ElectronHttpExecutor.download does: the base
 * class's doDownload with no response handler, so the file streams through the progress and sha512 checks.
 * No proxy settings are read: every request goes to the 127.0.0.1 feed.
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

export interface TestUpdaterOptions {
  /** The running app's version. */
  version: string;
  feedUrl: string;
  /** A fresh folder: app-update.yml, user data (the staging id) and the download cache go in it. */
  dir: string;
  /** Written to `<userData>/.updaterId` before the first check; otherwise electron-updater makes one. */
  stagingUserId?: string;
}

/**
 * electron-updater's DebUpdater as a packaged Kith on Debian would build it, with a test app adapter in
 * place of Electron's app (as electron-builder's own updater tests do). Its decisions (channel file,
 * version comparison, staging, download and verification) are its own; installing is never reached
 * here (the adapter's onQuit ignores the quit hook that would run dpkg).
 */
export async function createTestUpdater(options: TestUpdaterOptions): Promise<DebUpdater> {
  const userDataPath = join(options.dir, 'user-data');
  await mkdir(userDataPath, { recursive: true });
  if (options.stagingUserId) await writeFile(join(userDataPath, '.updaterId'), options.stagingUserId);
  // What electron-builder writes to resources/app-update.yml from the publish section of build/electron-builder.yml.
  const appUpdateConfigPath = join(options.dir, 'app-update.yml');
  await writeFile(
    appUpdateConfigPath,
    stringify({
      provider: 'generic',
      url: options.feedUrl,
      channel: 'latest',
      updaterCacheDirName: 'kith-updater',
    }),
  );
  const app: AppAdapter = {
    version: options.version,
    name: 'Kith',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath,
    baseCachePath: join(options.dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new DebUpdater(null, app);
  updater.logger = null;
  // Given an app adapter, AppUpdater leaves httpExecutor unset (it is internal, absent from the typings);
  // electron-builder's tests assign theirs the same way.
  Object.assign(updater, { httpExecutor: new NodeHttpExecutor() });
  return updater;
}
