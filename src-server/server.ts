import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { migrate } from '#shared/node/migrate';
import { openDatabase } from '#shared/node/open-database';
import { buildApp } from './app.ts';
import { startSessionSweeper } from './auth/session-sweeper.ts';
import { serverMigrations } from './db/migrations/index.ts';
import type { ServerDb } from './db/schema.ts';
import type { HttpTimeouts } from './http/http-limits.ts';
import type { IdTokenCheckOptions } from './auth/id-token.ts';
import type { OidcConfig } from './config/server-config.ts';
import type { OrgSize } from './demo/generate-org.ts';
import { seedDemoOrg } from './demo/seed-demo-org.ts';
import { createChangeAnnouncer } from './sync/change-announcer.ts';
import { createChangeHub } from './sync/change-hub.ts';
import { startChangeWatch } from './sync/change-watch.ts';

export type { ServerDb } from './db/schema.ts';
export { upsertPeople, deletePerson, findPerson } from './repos/people.repo.ts';
export { issueToken, issueSession, revokeSessionsOf } from './repos/sessions.repo.ts';
export { findCurrentSeq } from './repos/change-seq.repo.ts';
export { generateOrg, resolveOrgSize, ORG_SIZES, type OrgSize, type DemoOrg } from './demo/generate-org.ts';

export interface StartServerOptions {
  /** The SQLite file; created (with its folder) on first start. */
  dbFile: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Serve a demo org: generated into an empty database, and POST /v1/demo/sessions enabled. */
  demo?: { size: OrgSize; seed?: number; communities?: boolean; connections?: boolean };
  logger?: boolean;
  /** How long a slow or stalled client may hold a socket (tests shorten them). */
  timeouts?: Partial<HttpTimeouts>;
  /** How often expired session tokens are swept besides on each sign-in; default hourly. */
  sessionSweepIntervalMs?: number;
  /** The company's OpenID Provider: people sign in with it (the config file's `oidc`). */
  oidc?: OidcConfig;
  /** How the ID-token check fetches the provider's keys (tests shorten jose's refetch cooldown). */
  idTokenCheck?: IdTokenCheckOptions;
  /** Serve SCIM 2.0 at /scim/v2 (the configuration's scim.enabled). */
  scim?: boolean;
  /** The server's address as clients reach it (the configuration's publicUrl), e.g. behind a TLS proxy. */
  publicUrl?: string;
  /** How often to look for writes another process committed (the admin CLI); default 500 ms. */
  changeWatchMs?: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787, no trailing slash. */
  url: string;
  db: Kysely<ServerDb>;
  /**
   * After a write made straight through `db` (an admin or demo script) has committed: tells the event streams
   * of everyone whose view it changed. Writes through the API announce themselves.
   */
  announceChanges(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const {
    dbFile,
    host = '127.0.0.1',
    port = 0,
    demo,
    logger = false,
    scim = false,
    publicUrl,
    timeouts,
    oidc,
    idTokenCheck,
  } = options;
  if (dbFile !== ':memory:') await mkdir(dirname(dbFile), { recursive: true });
  const db = await openDatabase<ServerDb>({ file: dbFile });
  try {
    await migrate(db as Kysely<unknown>, serverMigrations, dbFile === ':memory:' ? {} : { file: dbFile });
    if (demo) await seedDemoOrg(db, demo);
    const hub = createChangeHub();
    const announcer = await createChangeAnnouncer(db, hub);
    const app = await buildApp({
      db,
      demo: demo !== undefined,
      logger,
      scim,
      publicUrl,
      changes: { hub, announcer },
      timeouts,
      oidc,
      idTokenCheck,
    });
    const sweeper = startSessionSweeper(db, {
      intervalMs: options.sessionSweepIntervalMs,
      onError: (err) => app.log.error({ err }, 'sweeping expired sessions failed'),
    });
    app.addHook('onClose', () => sweeper.stop());
    await app.listen({ host, port });
    const watch = startChangeWatch(announcer, {
      ...(options.changeWatchMs !== undefined && { intervalMs: options.changeWatchMs }),
      onError: (err) => app.log.error(err, 'Looking for changes made by another process failed'),
    });
    const address = app.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${shownHost}:${address.port}`,
      db,
      announceChanges: () => announcer.announce(),
      close: () => {
        watch.stop();
        return (closing ??= app.close().then(() => db.destroy()));
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
