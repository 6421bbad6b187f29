import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DebUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from '#core/events';
import {
  createUpdateService,
  type UpdateService,
  type UpdateServiceOptions,
} from '#core/updates/update-service';
import type { UpdateStatus } from '#shared/domain/updates';
import { makeTempDir } from '../../support/temp-dir.ts';
import { channelFile, createTestUpdater, startUpdateFeed, type TestUpdaterOptions } from './update-feed.ts';

const NOW = 1_750_000_000_000;
const SIX_HOURS_MS = 6 * 60 * 60 * 1000;
/**
 * electron-updater places a user in a rollout by the last four bytes of `<userData>/.updaterId`, read as a
 * big-endian uint32 over 0xffffffff: 0x40000000 / 0xffffffff ≈ 0.25, so this user is in a 30% rollout and
 * not in a 20% one.
 */
const QUARTER_USER_ID = '7a2c8a44-3e1f-4b6d-9c55-0d1e40000000';

let feed: Awaited<ReturnType<typeof startUpdateFeed>>;
let dir: Awaited<ReturnType<typeof makeTempDir>>;
let service: UpdateService | undefined;

beforeEach(async () => {
  feed = await startUpdateFeed();
  dir = await makeTempDir('kith-updates-');
});

afterEach(async () => {
  service?.stop();
  service = undefined;
  vi.useRealTimers();
  await feed.close();
  await dir.remove();
});

async function updaterAt(version: string, extra: Partial<TestUpdaterOptions> = {}): Promise<DebUpdater> {
  return createTestUpdater({ version, feedUrl: feed.url, dir: dir.path, ...extra });
}

/** The service under test, with every status it reports kept in order. */
function serviceFor(updater: DebUpdater | null, options: Partial<UpdateServiceOptions> = {}) {
  const statuses: UpdateStatus[] = [];
  const events = createEventHub();
  events.on('updates.status', (status) => statuses.push(status));
  const created = createUpdateService({
    updater,
    disabledReason: () => null,
    channel: 'stable',
    emit: events.emit,
    now: () => NOW,
    ...options,
  });
  service = created;
  return { service: created, statuses };
}

/** Polls on real time: vi.waitFor would advance the faked interval clock as it polls. */
async function untilState(target: UpdateService, state: UpdateStatus['state']) {
  for (let waited = 0; target.getStatus().state !== state; waited += 10) {
    if (waited > 15_000) throw new Error(`still ${target.getStatus().state}, never ${state}`);
    await sleep(10);
  }
  return target.getStatus();
}

describe('update decisions against a generic feed', () => {
  it('downloads a newer version in the background, verifies it and keeps it ready', async () => {
    feed.publish({ version: '1.1.0' });
    const updater = await updaterAt('1.0.0');
    const install = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => undefined);
    const { service, statuses } = serviceFor(updater);

    const ended = await service.checkNow();
    expect(ended).toEqual({ state: 'downloading', version: '1.1.0', percent: null });
    expect(await untilState(service, 'ready')).toEqual({ state: 'ready', version: '1.1.0' });

    expect(statuses[0]).toEqual({ state: 'checking', checkedAt: null });
    expect(statuses).toContainEqual({ state: 'downloading', version: '1.1.0', percent: 100 });
    expect(feed.count(channelFile('latest'))).toBe(1);
    expect(feed.count('kith-1.1.0.deb')).toBe(1);

    // Ready stays ready: no further request until the restart.
    expect(await service.checkNow()).toEqual({ state: 'ready', version: '1.1.0' });
    expect(feed.requests).toHaveLength(2);
    service.restart();
    expect(install).toHaveBeenCalledWith(true, true);
  });

  it('reports up to date when the feed holds the running version', async () => {
    feed.publish({ version: '1.0.0' });
    const { service, statuses } = serviceFor(await updaterAt('1.0.0'));

    expect(await service.checkNow()).toEqual({ state: 'idle', checkedAt: NOW });
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'idle']);
    expect(feed.count('kith-1.0.0.deb')).toBe(0);
  });

  it('never installs an older stable release over a newer beta', async () => {
    feed.publish({ version: '1.0.0' });
    const { service } = serviceFor(await updaterAt('1.1.0-beta.1'), { channel: 'stable' });

    expect(await service.checkNow()).toEqual({ state: 'idle', checkedAt: NOW });
    expect(feed.count('kith-1.0.0.deb')).toBe(0);
  });

  it('joins a check under way rather than starting another', async () => {
    feed.publish({ version: '1.0.0' });
    const { service } = serviceFor(await updaterAt('1.0.0'));

    const [first, second] = await Promise.all([service.checkNow(), service.checkNow()]);
    expect(first).toEqual(second);
    expect(feed.count(channelFile('latest'))).toBe(1);
  });

  it('refuses to restart before an update is ready', async () => {
    feed.publish({ version: '1.0.0' });
    const updater = await updaterAt('1.0.0');
    const install = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => undefined);
    const { service } = serviceFor(updater);

    expect(() => service.restart()).toThrow('No update is ready to install (the updater is idle).');
    await service.checkNow();
    expect(() => service.restart()).toThrow(/No update is ready/);
    expect(install).not.toHaveBeenCalled();
  });
});

describe('staged rollout', () => {
  it.each([
    { stagingPercentage: 0, stagingUserId: undefined, offered: false },
    { stagingPercentage: 100, stagingUserId: undefined, offered: true },
    { stagingPercentage: 20, stagingUserId: QUARTER_USER_ID, offered: false },
    { stagingPercentage: 30, stagingUserId: QUARTER_USER_ID, offered: true },
  ])('stagingPercentage $stagingPercentage, user $stagingUserId: offered $offered', async (c) => {
    feed.publish({ version: '1.1.0', stagingPercentage: c.stagingPercentage });
    const { service } = serviceFor(await updaterAt('1.0.0', { stagingUserId: c.stagingUserId }));

    const ended = await service.checkNow();
    expect(ended.state).toBe(c.offered ? 'downloading' : 'idle');
    if (c.offered) await untilState(service, 'ready');
    expect(feed.count('kith-1.1.0.deb')).toBe(c.offered ? 1 : 0);
    const stagingId = feed.requests[0]?.stagingId;
    expect(stagingId).toMatch(/^[0-9a-f-]{36}$/);
    if (c.stagingUserId) expect(stagingId).toBe(c.stagingUserId);
  });
});

describe('when checks are off', () => {
  it('sends nothing to the server while disabled, and checks once enabled again', async () => {
    feed.publish({ version: '1.0.0' });
    let reason: string | null = 'Kith is showing the demo organization.';
    const { service, statuses } = serviceFor(await updaterAt('1.0.0'), { disabledReason: () => reason });

    expect(service.getStatus()).toEqual({ state: 'disabled', reason });
    service.start();
    expect(await service.checkNow()).toEqual({ state: 'disabled', reason });
    expect(feed.requests).toHaveLength(0);

    reason = null;
    service.refresh();
    expect(await untilState(service, 'idle')).toEqual({ state: 'idle', checkedAt: NOW });
    expect(feed.requests).toHaveLength(1);

    reason = 'Kith is showing the demo organization.';
    service.refresh();
    expect(service.getStatus()).toEqual({ state: 'disabled', reason });
    expect(statuses.at(-1)).toEqual({ state: 'disabled', reason });
    expect(feed.requests).toHaveLength(1);
  });

  it('is disabled without an updater (development, the web host)', async () => {
    const { service } = serviceFor(null);
    service.start();
    expect(await service.checkNow()).toEqual({
      state: 'disabled',
      reason: 'This build cannot update itself.',
    });
  });
});

describe('channels', () => {
  it('reads beta-linux.yml on the beta channel, and switches when the user changes channel', async () => {
    feed.publish({ version: '1.0.0', channel: 'latest' });
    feed.publish({ version: '1.1.0-beta.1', channel: 'beta' });
    const updater = await updaterAt('1.0.0');
    const { service } = serviceFor(updater, { channel: 'stable' });

    service.start();
    await untilState(service, 'idle');
    expect(feed.count(channelFile('latest'))).toBe(1);
    expect(feed.count(channelFile('beta'))).toBe(0);

    // Every settings change passes the channel on: the same channel again asks the server nothing.
    service.setChannel('stable');
    expect(service.getStatus().state).toBe('idle');
    expect(feed.count(channelFile('latest'))).toBe(1);

    service.setChannel('beta');
    expect(updater.allowPrerelease).toBe(true);
    expect(await untilState(service, 'ready')).toEqual({ state: 'ready', version: '1.1.0-beta.1' });
    expect(feed.count(channelFile('beta'))).toBe(1);
    expect(feed.count('kith-1.1.0-beta.1.deb')).toBe(1);
  });
});

describe('failures', () => {
  it('turns a server error into the error status, and the next check works', async () => {
    feed.serve(channelFile('latest'), 'boom', 500);
    const { service } = serviceFor(await updaterAt('1.0.0'));

    expect(await service.checkNow()).toEqual({
      state: 'error',
      message: 'The update server answered HTTP 500.',
      checkedAt: NOW,
    });

    feed.publish({ version: '1.0.0' });
    expect(await service.checkNow()).toEqual({ state: 'idle', checkedAt: NOW });
  });

  it.each([
    {
      what: 'a missing channel file',
      serve: false,
      body: '',
      message: `The update server has no ${channelFile('latest')} (HTTP 404).`,
    },
    {
      what: 'invalid YAML',
      serve: true,
      body: 'version: [1.1.0',
      message: 'The update feed could not be read (invalid YAML).',
    },
    {
      what: 'no version',
      serve: true,
      body: 'files: []\n',
      message: 'The update feed names no valid version.',
    },
  ])('reports $what readably', async (c) => {
    if (c.serve) feed.serve(channelFile('latest'), c.body);
    const { service } = serviceFor(await updaterAt('1.0.0'));

    expect(await service.checkNow()).toEqual({ state: 'error', message: c.message, checkedAt: NOW });
  });

  it('discards a download whose sha512 does not match, then takes the fixed release', async () => {
    feed.publish({ version: '1.1.0', badChecksum: true });
    const { service } = serviceFor(await updaterAt('1.0.0'));

    await service.checkNow();
    expect(await untilState(service, 'error')).toEqual({
      state: 'error',
      message: 'The downloaded update failed its sha512 check and was discarded.',
      checkedAt: NOW,
    });

    feed.publish({ version: '1.1.0' });
    await service.checkNow();
    expect(await untilState(service, 'ready')).toEqual({ state: 'ready', version: '1.1.0' });
  });

  it('reports a package the server no longer has', async () => {
    feed.publish({ version: '1.1.0' });
    feed.serve('kith-1.1.0.deb', 'gone', 404);
    const { service } = serviceFor(await updaterAt('1.0.0'));

    await service.checkNow();
    expect(await untilState(service, 'error')).toEqual({
      state: 'error',
      message: 'The update download failed (HTTP 404).',
      checkedAt: NOW,
    });
  });

  it('reports an unreachable server (after electron-updater retries a refused connection)', async () => {
    const closedPort = await freePort();
    const updater = await createTestUpdater({
      version: '1.0.0',
      feedUrl: `http://127.0.0.1:${closedPort}/kith`,
      dir: dir.path,
    });
    const { service } = serviceFor(updater);

    expect(() => service.start()).not.toThrow();
    expect(await untilState(service, 'error')).toEqual({
      state: 'error',
      message: 'The update server could not be reached (ECONNREFUSED).',
      checkedAt: NOW,
    });
  });
});

describe('the schedule', () => {
  it('checks at start and again every 6 hours, through errors, and not after stop', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    feed.serve(channelFile('latest'), 'boom', 500);
    const { service } = serviceFor(await updaterAt('1.0.0'));

    service.start();
    await untilState(service, 'error');
    expect(feed.count(channelFile('latest'))).toBe(1);

    feed.publish({ version: '1.0.0' });
    vi.advanceTimersByTime(SIX_HOURS_MS - 1);
    expect(service.getStatus().state).toBe('error');
    vi.advanceTimersByTime(1);
    await untilState(service, 'idle');
    expect(feed.count(channelFile('latest'))).toBe(2);

    service.stop();
    vi.advanceTimersByTime(3 * SIX_HOURS_MS);
    expect(service.getStatus().state).toBe('idle');
    expect(feed.count(channelFile('latest'))).toBe(2);
  });
});

/** A port nothing listens on: taken from the OS, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
