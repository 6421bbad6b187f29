import { describe, expect, it } from 'vitest';
import { describeUpdateStatus } from '../../../src-renderer/lib/update-labels.ts';

const now = Date.UTC(2026, 2, 12, 12, 0);

describe('describeUpdateStatus', () => {
  it('says updates are off, with the reason', () => {
    expect(
      describeUpdateStatus({ state: 'disabled', reason: 'Updates are off in the web host' }, now),
    ).toEqual({
      title: 'Automatic updates are off',
      detail: 'Updates are off in the web host',
      tone: 'off',
    });
  });

  it('says when it last checked, or that it has not', () => {
    expect(describeUpdateStatus({ state: 'idle', checkedAt: null }, now)).toMatchObject({
      title: 'Not checked for updates yet',
      detail: null,
    });
    expect(describeUpdateStatus({ state: 'idle', checkedAt: now - 5 * 60_000 }, now)).toEqual({
      title: 'Kith is up to date',
      detail: 'Last checked 5 min ago',
      tone: 'ok',
    });
    expect(describeUpdateStatus({ state: 'checking', checkedAt: null }, now)).toMatchObject({
      title: 'Checking for updates…',
      tone: 'busy',
    });
  });

  it('names the version downloading, how far it got, and when it is ready', () => {
    expect(describeUpdateStatus({ state: 'downloading', version: '1.4.0', percent: null }, now).title).toBe(
      'Downloading Kith 1.4.0…',
    );
    expect(describeUpdateStatus({ state: 'downloading', version: '1.4.0', percent: 41.7 }, now).title).toBe(
      'Downloading Kith 1.4.0 — 41%',
    );
    expect(describeUpdateStatus({ state: 'ready', version: '1.4.0' }, now)).toMatchObject({
      title: 'Kith 1.4.0 is ready to install',
      tone: 'ready',
    });
  });

  it('passes the error on', () => {
    expect(
      describeUpdateStatus(
        { state: 'error', message: 'The update feed did not answer', checkedAt: null },
        now,
      ),
    ).toEqual({
      title: 'Could not check for updates',
      detail: 'The update feed did not answer',
      tone: 'error',
    });
  });
});
