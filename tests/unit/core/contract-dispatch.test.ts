import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '#core/create-core';
import type { Core } from '#core/core-types';
import { createDispatcher, type Dispatch } from '#shared/ipc/dispatch';
import { ipcMethods } from '#shared/ipc/contract';
import { memorySecrets } from '../../support/memory-secrets.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('IPC contract dispatch', () => {
  let core: Core;
  let dispatch: Dispatch;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const secrets = memorySecrets();

  beforeAll(async () => {
    dir = await makeTempDir();
    core = await createCore({ dataDir: dir.path, secrets });
    dispatch = createDispatcher(core.handlers);
  });
  afterAll(async () => {
    await core.close();
    await dir.remove();
  });

  it('has a handler for every method of the contract', async () => {
    expect(ipcMethods.length).toBeGreaterThan(0);
    for (const { channel } of ipcMethods) {
      const result = await dispatch(channel, Symbol('not serializable input'));
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it.each([
    ['directory.searchPeople', { text: 'a', limit: 5000 }, /limit/],
    ['directory.searchPeople', { text: 'a', unexpected: true }, /unexpected/i],
    ['directory.searchPeople', { text: 42 }, /text/],
    ['directory.getProfile', { id: '' }, /id/],
    ['session.getSession', { anything: 1 }, /takes no input/],
    [
      'session.connectServer',
      { serverUrl: 'file:///etc/passwd', token: 'x'.repeat(20) },
      /http:\/\/ or https:\/\//,
    ],
    ['session.connectServer', { serverUrl: 'http://127.0.0.1:9', token: 'short' }, /too short/],
    ['graph.egoGraph', { depth: 3 }, /depth/],
    ['graph.saveLayout', { positions: [{ id: 'a', x: Number.NaN, y: 0 }] }, /positions/],
    ['graph.saveExport', { format: 'svg', data: '<svg/>' }, /format/],
    ['graph.introductions', { personId: '' }, /personId/],
    ['settings.update', { quietHours: { start: 600, end: 600 } }, /different times/],
    ['settings.update', { quietHours: { start: -1, end: 60 } }, /quietHours/],
    ['settings.update', { updateChannel: 'nightly' }, /updateChannel/],
    ['settings.update', { pausedUntil: 'tomorrow' }, /pausedUntil/],
    ['settings.update', { theme: 'dark' }, /theme/],
    ['updates.restart', { now: true }, /takes no input/],
  ])('rejects malformed input for %s with a message naming the problem', async (channel, input, pattern) => {
    const result = await dispatch(channel, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain(channel);
      expect(result.error.message).toMatch(pattern);
    }
  });

  it('changes nothing when a call is rejected', async () => {
    await dispatch('session.connectServer', { serverUrl: 'javascript:alert(1)', token: 'x'.repeat(20) });
    expect(await dispatch('session.getSession', undefined)).toEqual({
      ok: true,
      value: { state: 'signed_out', reason: null, providerSignOut: null },
    });
    expect(secrets.values.size).toBe(0);
  });

  it('changes no setting when an update is rejected', async () => {
    const before = await dispatch('settings.get', undefined);
    await dispatch('settings.update', { closeToTray: false, updateChannel: 'nightly' });
    expect(await dispatch('settings.get', undefined)).toEqual(before);
  });

  it('refuses to restart for an update when none is ready', async () => {
    expect(await dispatch('updates.restart', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/No update is ready to install/) },
    });
    expect(await dispatch('updates.getStatus', undefined)).toMatchObject({
      ok: true,
      value: { state: 'disabled' },
    });
  });

  it('names an unknown method', async () => {
    expect(await dispatch('directory.dropTables', {})).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown method: directory.dropTables' },
    });
  });

  it('reports a missing person as not_found', async () => {
    const result = await dispatch('directory.getProfile', { id: 'p404' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('p404') },
    });
  });

  it('gives a clear offline error when the server cannot be reached, and stays signed out', async () => {
    const result = await dispatch('session.connectServer', {
      serverUrl: 'http://127.0.0.1:9',
      token: 't'.repeat(32),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'offline', message: expect.stringContaining("Can't reach") },
    });
    expect(await core.handlers.session.getSession(undefined)).toMatchObject({ state: 'signed_out' });
  });

  it('says the demo organization is unavailable where the host cannot start it', async () => {
    const result = await dispatch('session.startDemo', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
