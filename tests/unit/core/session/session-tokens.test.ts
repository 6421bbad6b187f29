import { describe, expect, it } from 'vitest';
import {
  createTokenHolder,
  loadTokens,
  REFRESH_SECRET,
  storeTokens,
  TOKEN_SECRET,
  tokensOf,
} from '#core/session/session-tokens';
import { ServerError } from '#core/sync/server-client';
import type { AuthSession } from '#shared/wire/auth';
import { makePerson } from '../../../support/people.ts';
import { memorySecrets } from '../../../support/memory-secrets.ts';

const person = makePerson({ id: 'me', name: 'Me' });
const session = (n: number): AuthSession => ({
  accessToken: `access-token-number-${n}`,
  expiresIn: 100,
  refreshToken: `refresh-token-number-${n}`,
  refreshExpiresIn: 1000,
  person,
});

/** A holder at time `clock.t` (ms) whose server answers refreshes with sessions 2, 3, …, or `refuse`. */
function setup(refuse?: () => Error) {
  const clock = { t: 0 };
  const secrets = memorySecrets();
  const calls: string[] = [];
  let next = 2;
  const holder = createTokenHolder({
    secrets,
    initial: tokensOf(session(1), 0),
    now: () => clock.t,
    refresh: async (refreshToken) => {
      calls.push(refreshToken);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (refuse) throw refuse();
      return session(next++);
    },
  });
  return { clock, secrets, calls, holder };
}

describe('token holder', () => {
  it('keeps the access token until 80% of its lifetime, then refreshes once for concurrent requests', async () => {
    const { clock, secrets, calls, holder } = setup();
    clock.t = 79_000;
    expect(await holder.current()).toBe('access-token-number-1');
    clock.t = 80_000;
    const tokens = await Promise.all([holder.current(), holder.current(), holder.current()]);
    expect(tokens).toEqual(Array(3).fill('access-token-number-2'));
    expect(calls).toEqual(['refresh-token-number-1']);
    // The rotated tokens are in the SecretStore, never anywhere else.
    expect(await secrets.get(TOKEN_SECRET)).toBe('access-token-number-2');
    expect((await loadTokens(secrets))?.refresh).toMatchObject({
      refreshToken: 'refresh-token-number-2',
      refreshAt: 160_000,
      accessExpiresAt: 180_000,
      refreshExpiresAt: 1_080_000,
    });
  });

  it('renews once after a 401, and not again for a token another request renewed', async () => {
    const { calls, holder } = setup();
    expect(await holder.renew('access-token-number-1')).toBe('access-token-number-2');
    expect(await holder.renew('access-token-number-1')).toBe('access-token-number-2');
    expect(calls).toHaveLength(1);
  });

  it('uses the old access token while the server cannot be reached and it is still valid', async () => {
    const { clock, holder } = setup(() => new ServerError('offline', "Can't reach the server"));
    clock.t = 90_000;
    expect(await holder.current()).toBe('access-token-number-1');
    clock.t = 100_000;
    await expect(holder.current()).rejects.toMatchObject({ kind: 'offline' });
  });

  it('passes a refused refresh on as unauthorized, and refuses an expired refresh token itself', async () => {
    const refused = setup(() => new ServerError('unauthorized', 'This account has been deactivated'));
    refused.clock.t = 90_000;
    await expect(refused.holder.current()).rejects.toThrow('This account has been deactivated');
    const expired = setup();
    expired.clock.t = 1_000_000;
    await expect(expired.holder.current()).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(expired.calls).toEqual([]);
  });

  it('does not save a refresh that ends after the session was closed', async () => {
    const { secrets, holder } = setup();
    await storeTokens(secrets, tokensOf(session(1), 0));
    const renewing = holder.renew('access-token-number-1');
    holder.close();
    await expect(renewing).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(await secrets.get(TOKEN_SECRET)).toBe('access-token-number-1');
    expect(secrets.values.get(REFRESH_SECRET)).toContain('refresh-token-number-1');
  });

  it('saves the new refresh token before the access token: a crash between keeps the new refresh token', async () => {
    const secrets = memorySecrets();
    await storeTokens(secrets, tokensOf(session(1), 0));
    const crashing = {
      ...secrets,
      set: async (name: string, value: string) => {
        if (name === TOKEN_SECRET) throw new Error('crashed');
        await secrets.set(name, value);
      },
    };
    await expect(storeTokens(crashing, tokensOf(session(2), 0))).rejects.toThrow('crashed');
    expect(await loadTokens(secrets)).toMatchObject({
      accessToken: 'access-token-number-1',
      refresh: { refreshToken: 'refresh-token-number-2' },
    });
  });

  it('never refreshes a session signed in with an administrator’s token', async () => {
    const secrets = memorySecrets();
    const holder = createTokenHolder({
      secrets,
      initial: { accessToken: 'admin-issued-token-0001', refresh: null },
      refresh: async () => session(2),
    });
    expect(await holder.current()).toBe('admin-issued-token-0001');
    expect(await holder.renew('admin-issued-token-0001')).toBeNull();
  });
});
