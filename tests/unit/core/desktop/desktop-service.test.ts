import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreDesktop } from '#core/core-types';
import { createEventHub } from '#core/events';
import { createSettingsService, NO_HOST_FEATURES } from '#core/settings/settings-service';
import { createDesktopService } from '#core/desktop/desktop-service';
import type { TrayMenuEntry } from '#core/desktop/tray-menu';
import type { UpdateStatus } from '#shared/domain/updates';
import { ME, openGraphFixture, TINY_CLUB } from '../../../support/graph-fixture.ts';

const NOW = Date.UTC(2030, 0, 15, 12);
const HOUR = 60 * 60 * 1000;

function findEntry(entries: TrayMenuEntry[], id: string): TrayMenuEntry | undefined {
  for (const entry of entries) {
    if (entry.kind !== 'separator' && entry.id === id) return entry;
    if (entry.kind === 'submenu') {
      const found = findEntry(entry.entries, id);
      if (found) return found;
    }
  }
  return undefined;
}

describe('desktop service: the tray and the host hooks', () => {
  let fixture: Awaited<ReturnType<typeof openGraphFixture>>;
  let desktop: CoreDesktop & { close(): void };
  let events: ReturnType<typeof createEventHub>;
  let update: UpdateStatus;
  const calls: string[] = [];

  beforeEach(async () => {
    fixture = await openGraphFixture();
    events = createEventHub();
    update = { state: 'idle', checkedAt: null };
    calls.length = 0;
    const settings = createSettingsService({
      db: fixture.db,
      host: NO_HOST_FEATURES,
      now: () => NOW,
      emit: events.emit,
    });
    await fixture.db
      .insertInto('community_prefs')
      .values({
        community_id: TINY_CLUB,
        followed: 1,
        muted: 0,
        last_read_at: NOW - 2 * HOUR,
        updated_at: 0,
        seq: 1,
      })
      .execute();
    const unread = ['p1', 'p2', 'p3'].map((id, i) => ({
      id,
      community_id: TINY_CLUB,
      author_id: i === 2 ? ME : 'gus', // my own post is never unread
      kind: 'post',
      parent_id: null,
      title: null,
      body: 'Hello',
      event_starts_at: null,
      event_place: null,
      accepted_answer_id: null,
      created_at: NOW - HOUR,
      edited_at: null,
      seq: 2 + i,
    }));
    await fixture.db.insertInto('posts').values(unread).execute();
    desktop = createDesktopService({
      db: fixture.db,
      events,
      signedInPersonId: async () => ME,
      settings,
      sync: {
        getStatus: async () => ({ state: 'idle', lastSyncedAt: NOW }),
        syncNow: async () => calls.push('syncNow'),
        wake: () => calls.push('wake'),
      },
      updates: { getStatus: () => update, restart: () => calls.push('restart') },
      now: () => NOW,
    });
    events.on('app.navigate', ({ route }) => calls.push(`navigate ${route}`));
  });
  afterEach(async () => {
    desktop.close();
    await fixture.close();
  });

  it('shows unread counts from the cache: unread icon, count in the tooltip, the community in the menu', async () => {
    const model = await desktop.trayModel();
    expect(model.icon).toBe('unread');
    expect(model.tooltip).toMatch(/^Kith: 2 unread/);
    expect(findEntry(model.menu, `community:${TINY_CLUB}`)).toMatchObject({
      label: 'Tiny club (2)',
      action: { type: 'openRoute', route: `/communities/${TINY_CLUB}` },
    });
  });

  it('pauses from the tray, then offers to resume, and resumes', async () => {
    const pauseHour = findEntry((await desktop.trayModel()).menu, 'pause-hour');
    if (pauseHour?.kind !== 'item' || !pauseHour.action) throw new Error('no "For 1 hour" entry');
    await desktop.runTrayAction(pauseHour.action);
    const paused = await desktop.trayModel();
    expect(paused.tooltip).toContain('Notifications paused');
    expect(findEntry(paused.menu, 'resume')).toBeDefined();
    await desktop.runTrayAction({ type: 'resume' });
    expect(findEntry((await desktop.trayModel()).menu, 'pause')).toBeDefined();
  });

  it('offers "Restart to update" only when an update is ready, and runs it', async () => {
    expect(findEntry((await desktop.trayModel()).menu, 'restart-to-update')).toBeUndefined();
    update = { state: 'ready', version: '1.2.0' };
    expect(findEntry((await desktop.trayModel()).menu, 'restart-to-update')).toBeDefined();
    await desktop.runTrayAction({ type: 'restartToUpdate' });
    await desktop.runTrayAction({ type: 'syncNow' });
    expect(calls).toEqual(['restart', 'syncNow']);
  });

  it("refuses the host's own actions rather than ignoring them", async () => {
    await expect(desktop.runTrayAction({ type: 'quit' })).rejects.toThrow(/host/);
  });

  it('tells listeners once per burst of changes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let told = 0;
      desktop.onTrayChanged(() => told++);
      events.emit('communities.changed', {});
      events.emit('sync.status', { state: 'idle', lastSyncedAt: NOW });
      events.emit('updates.status', { state: 'ready', version: '1.2.0' });
      await vi.advanceTimersByTimeAsync(150);
      expect(told).toBe(1);
      // A steady stream of changes (a first sync's progress) still redraws every 100 ms.
      for (let i = 0; i < 10; i++) {
        events.emit('sync.status', { state: 'syncing', lastSyncedAt: null, progress: i / 10 });
        await vi.advanceTimersByTimeAsync(50);
      }
      expect(told).toBeGreaterThanOrEqual(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens a route only when it is one of the app', () => {
    desktop.openRoute('/communities/abc/posts/def');
    expect(() => desktop.openRoute('https://evil.example/')).toThrow();
    expect(() => desktop.openRoute('//evil.example/x')).toThrow();
    desktop.wake();
    expect(calls).toEqual(['navigate /communities/abc/posts/def', 'wake']);
  });
});
