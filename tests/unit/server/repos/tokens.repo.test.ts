import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDb } from '#server/db/schema';
import { deletePerson, upsertPeople } from '#server/repos/people.repo';
import { findPersonIdByToken, hashToken, issueToken } from '#server/repos/tokens.repo';
import { makePerson } from '../../../integration/server/server-fixture.ts';
import { openTestDb } from './repo-fixture.ts';

let db: Kysely<ServerDb>;
beforeEach(async () => {
  db = await openTestDb();
  await upsertPeople(db, [makePerson(1), makePerson(2)]);
});
afterEach(() => db.destroy());

describe('issueToken', () => {
  it('returns a 32-byte base64url token and stores only its sha256', async () => {
    const token = await issueToken(db, 'p000001');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await db.selectFrom('tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashToken(token));
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('refuses a person who does not exist', async () => {
    await expect(issueToken(db, 'p999999')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('findPersonIdByToken', () => {
  it('finds the owner of a token and nobody for an unknown one', async () => {
    const token = await issueToken(db, 'p000002');
    expect(await findPersonIdByToken(db, token)).toBe('p000002');
    expect(await findPersonIdByToken(db, `${token}x`)).toBeUndefined();
  });

  it('forgets the tokens of a deleted person', async () => {
    const token = await issueToken(db, 'p000002');
    await deletePerson(db, 'p000002');
    expect(await findPersonIdByToken(db, token)).toBeUndefined();
    expect(await db.selectFrom('tokens').selectAll().execute()).toEqual([]);
  });
});
