import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDb } from '#server/db/schema';
import { deletePerson, upsertPeople } from '#server/repos/people.repo';
import {
  ACCESS_TOKEN_SECONDS,
  REFRESH_TOKEN_SECONDS,
  REFRESH_RETRY_GRACE_SECONDS,
  checkAccessToken,
  claimIdToken,
  issueSession,
  issueToken,
  refreshSession,
  revokeSessionByRefreshToken,
  revokeSessionsOf,
  sweepExpiredSessions,
} from '#server/repos/sessions.repo';
import { hashToken } from '#server/repos/tokens.repo';
import { makePerson } from '../../../integration/server/server-fixture.ts';
import { openTestDb } from './repo-fixture.ts';

const T0 = new Date('2026-03-01T09:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let db: Kysely<ServerDb>;
beforeEach(async () => {
  db = await openTestDb();
  await upsertPeople(db, [makePerson(1), makePerson(2), makePerson(3, { active: false })]);
});
afterEach(() => db.destroy());

const rows = () => db.selectFrom('session_tokens').selectAll().orderBy('created_at').execute();

describe('issueSession', () => {
  it('answers an access and a refresh token and stores only their sha256, in one family', async () => {
    const session = await issueSession(db, 'p000001', T0);
    expect(Buffer.from(session.accessToken, 'base64url')).toHaveLength(32);
    expect(session).toMatchObject({
      expiresIn: ACCESS_TOKEN_SECONDS,
      refreshExpiresIn: REFRESH_TOKEN_SECONDS,
      person: makePerson(1),
    });
    const stored = await rows();
    expect(stored.map((r) => [r.kind, r.token_hash, r.expires_at])).toEqual([
      ['access', hashToken(session.accessToken), at(3600).toISOString()],
      ['refresh', hashToken(session.refreshToken), at(30 * 86400).toISOString()],
    ]);
    expect(new Set(stored.map((r) => r.family_id)).size).toBe(1);
    expect(JSON.stringify(stored)).not.toContain(session.accessToken);
    expect(JSON.stringify(stored)).not.toContain(session.refreshToken);
  });

  it('refuses a person who does not exist, and one who is deactivated', async () => {
    await expect(issueSession(db, 'p999999')).rejects.toMatchObject({ code: 'not_found' });
    await expect(issueSession(db, 'p000003')).rejects.toThrow(/deactivated/);
    expect(await rows()).toEqual([]);
  });

  it('sweeps expired rows of other sessions as it issues', async () => {
    await issueSession(db, 'p000001', T0);
    await issueSession(db, 'p000002', at(ACCESS_TOKEN_SECONDS + 1));
    expect((await rows()).map((r) => [r.person_id, r.kind])).toEqual([
      ['p000001', 'refresh'],
      ['p000002', 'access'],
      ['p000002', 'refresh'],
    ]);
  });
});

describe('checkAccessToken', () => {
  it('finds the owner of a live token until it expires, and nobody for an unknown one', async () => {
    const token = await issueToken(db, 'p000002', T0);
    expect(await checkAccessToken(db, token, at(ACCESS_TOKEN_SECONDS - 1))).toEqual({
      ok: true,
      personId: 'p000002',
    });
    expect(await checkAccessToken(db, token, at(ACCESS_TOKEN_SECONDS))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await checkAccessToken(db, `${token}x`, T0)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses a refresh token presented as an access token', async () => {
    const { refreshToken } = await issueSession(db, 'p000001', T0);
    expect(await checkAccessToken(db, refreshToken, T0)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('says inactive once the person is deactivated, and forgets a deleted person', async () => {
    const token = await issueToken(db, 'p000002', T0);
    await upsertPeople(db, [makePerson(2, { active: false })]);
    expect(await checkAccessToken(db, token, T0)).toEqual({ ok: false, reason: 'inactive' });
    await deletePerson(db, 'p000002');
    expect(await checkAccessToken(db, token, T0)).toEqual({ ok: false, reason: 'unknown' });
    // Only the refresh token stays, marked, so the app's next refresh is told why.
    expect(await rows()).toEqual([
      expect.objectContaining({ kind: 'refresh', revoked_because: 'person_deactivated' }),
    ]);
  });
});

describe('refreshSession', () => {
  it('rotates: a new pair in the same family, the old refresh token used, the old access token still live', async () => {
    const first = await issueSession(db, 'p000001', T0);
    const result = await refreshSession(db, first.refreshToken, at(600));
    if (!result.ok) throw new Error(result.reason);
    expect(result.session.refreshToken).not.toBe(first.refreshToken);
    expect(result.session.accessToken).not.toBe(first.accessToken);
    const stored = await rows();
    expect(new Set(stored.map((r) => r.family_id)).size).toBe(1);
    expect(stored.find((r) => r.token_hash === hashToken(first.refreshToken))?.used_at).toBe(
      at(600).toISOString(),
    );
    expect((await checkAccessToken(db, result.session.accessToken, at(600))).ok).toBe(true);
    expect((await checkAccessToken(db, first.accessToken, at(600))).ok).toBe(true);
  });

  it('revokes the whole family when a used refresh token comes again (reuse)', async () => {
    const first = await issueSession(db, 'p000001', T0);
    const other = await issueSession(db, 'p000001', T0);
    const second = await refreshSession(db, first.refreshToken, at(60));
    if (!second.ok) throw new Error(second.reason);
    expect(await refreshSession(db, first.refreshToken, at(120))).toEqual({ ok: false, reason: 'reused' });
    // Every token of that sign-in is gone, the newest included; another sign-in of the same person is not.
    expect(await checkAccessToken(db, second.session.accessToken, at(120))).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await refreshSession(db, second.session.refreshToken, at(120))).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect((await checkAccessToken(db, other.accessToken, at(120))).ok).toBe(true);
  });

  it('takes a used token presented again within the grace, its successor unused, for a lost answer: a new pair, the successor gone', async () => {
    const first = await issueSession(db, 'p000001', T0);
    const lost = await refreshSession(db, first.refreshToken, at(600));
    if (!lost.ok) throw new Error(lost.reason);
    const retried = await refreshSession(db, first.refreshToken, at(630));
    if (!retried.ok) throw new Error(retried.reason);
    expect((await checkAccessToken(db, retried.session.accessToken, at(630))).ok).toBe(true);
    expect(await checkAccessToken(db, lost.session.accessToken, at(630))).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await refreshSession(db, lost.session.refreshToken, at(630))).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const stored = await rows();
    expect(new Set(stored.map((r) => r.family_id)).size).toBe(1);
    expect(stored.map((r) => [r.kind, r.created_at])).toEqual([
      ['access', T0.toISOString()],
      ['refresh', T0.toISOString()],
      ['access', at(630).toISOString()],
      ['refresh', at(630).toISOString()],
    ]);
    // The grace counts from the first use: a retry does not extend it.
    expect(await refreshSession(db, first.refreshToken, at(600 + REFRESH_RETRY_GRACE_SECONDS))).toEqual({
      ok: false,
      reason: 'reused',
    });
    expect(await rows()).toEqual([]);
  });

  it('still revokes the family when the successor of a token presented again within the grace was used', async () => {
    const first = await issueSession(db, 'p000001', T0);
    const second = await refreshSession(db, first.refreshToken, at(600));
    if (!second.ok) throw new Error(second.reason);
    const third = await refreshSession(db, second.session.refreshToken, at(610));
    if (!third.ok) throw new Error(third.reason);
    expect(await refreshSession(db, first.refreshToken, at(620))).toEqual({ ok: false, reason: 'reused' });
    expect(await rows()).toEqual([]);
  });

  it('never lets a refresh token outlive the sign-in by more than 30 days', async () => {
    const first = await issueSession(db, 'p000001', T0);
    const day29 = await refreshSession(db, first.refreshToken, at(29 * 86400));
    if (!day29.ok) throw new Error(day29.reason);
    expect(day29.session).toMatchObject({ expiresIn: ACCESS_TOKEN_SECONDS, refreshExpiresIn: 86400 });
    const last = await refreshSession(db, day29.session.refreshToken, at(REFRESH_TOKEN_SECONDS - 100));
    if (!last.ok) throw new Error(last.reason);
    expect(last.session).toMatchObject({ expiresIn: 100, refreshExpiresIn: 100 });
    expect(new Set((await rows()).map((r) => r.family_started_at))).toEqual(new Set([T0.toISOString()]));
    expect(await refreshSession(db, last.session.refreshToken, at(REFRESH_TOKEN_SECONDS))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses an expired refresh token and an unknown one', async () => {
    const { refreshToken } = await issueSession(db, 'p000001', T0);
    expect(await refreshSession(db, refreshToken, at(REFRESH_TOKEN_SECONDS))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await refreshSession(db, 'x'.repeat(43), T0)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses a deactivated person and revokes their family', async () => {
    const { refreshToken, accessToken } = await issueSession(db, 'p000002', T0);
    await upsertPeople(db, [makePerson(2, { active: false })]);
    expect(await refreshSession(db, refreshToken, at(60))).toEqual({ ok: false, reason: 'inactive' });
    expect(await checkAccessToken(db, accessToken, at(60))).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('revoking', () => {
  it('revokeSessionByRefreshToken ends one family, and is harmless when repeated', async () => {
    const a = await issueSession(db, 'p000001', T0);
    const b = await issueSession(db, 'p000001', T0);
    expect(await revokeSessionByRefreshToken(db, a.refreshToken)).toBe(true);
    expect(await revokeSessionByRefreshToken(db, a.refreshToken)).toBe(false);
    expect((await checkAccessToken(db, a.accessToken, T0)).ok).toBe(false);
    expect((await checkAccessToken(db, b.accessToken, T0)).ok).toBe(true);
  });

  it('revokeSessionsOf ends every session of one person inside the caller’s transaction', async () => {
    const a = await issueSession(db, 'p000001', T0);
    const b = await issueSession(db, 'p000002', T0);
    await db.transaction().execute((trx) => revokeSessionsOf(trx, 'p000001'));
    expect((await checkAccessToken(db, a.accessToken, T0)).ok).toBe(false);
    expect((await checkAccessToken(db, b.accessToken, T0)).ok).toBe(true);
  });

  it('tells the next refresh that the person was deactivated, once, and never works again after reactivation', async () => {
    const { refreshToken } = await issueSession(db, 'p000001', T0);
    await upsertPeople(db, [makePerson(1, { active: false })]);
    await db.transaction().execute((trx) => revokeSessionsOf(trx, 'p000001'));
    await upsertPeople(db, [makePerson(1, { active: true })]);
    expect(await refreshSession(db, refreshToken, at(60))).toEqual({ ok: false, reason: 'deactivated' });
    expect(await refreshSession(db, refreshToken, at(61))).toEqual({ ok: false, reason: 'unknown' });
    expect(await rows()).toEqual([]);
  });
});

describe('claimIdToken', () => {
  it('claims an ID token once, and forgets it when it has expired (swept with sessions)', async () => {
    expect(await claimIdToken(db, 'id.token.one', at(600))).toBe(true);
    expect(await claimIdToken(db, 'id.token.one', at(600))).toBe(false);
    expect(await claimIdToken(db, 'id.token.two', at(601))).toBe(true);
    const stored = await db.selectFrom('used_id_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain('id.token');
    await sweepExpiredSessions(db, at(600));
    expect(await db.selectFrom('used_id_tokens').select('token_hash').execute()).toEqual([
      { token_hash: hashToken('id.token.two') },
    ]);
  });
});

describe('sweepExpiredSessions', () => {
  it('deletes expired access and refresh tokens, used or not, and nothing live', async () => {
    const first = await issueSession(db, 'p000001', T0);
    await refreshSession(db, first.refreshToken, at(60));
    expect(await sweepExpiredSessions(db, at(ACCESS_TOKEN_SECONDS + 60))).toBe(2);
    expect((await rows()).map((r) => r.kind)).toEqual(['refresh', 'refresh']);
    expect(await sweepExpiredSessions(db, at(REFRESH_TOKEN_SECONDS + 60))).toBe(2);
    expect(await rows()).toEqual([]);
  });
});
