import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotesService, type NotesService } from '#core/notes/notes-service';
import {
  createSessionService,
  TOKEN_SECRET,
  type SessionService,
  findSignedInPersonId,
} from '#core/session/session-service';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import { readState, writeState } from '#core/store/local-state.repo';
import { upsertPeople } from '#core/store/people.repo';
import { makePerson } from '../../../support/people.ts';
import { memorySecrets } from '../../../support/memory-secrets.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const ada = makePerson({ id: 'ada', name: 'Ada Lovelace' });
const bob = makePerson({ id: 'bob', name: 'Bob Martin' });
const ACCOUNT = { serverUrl: 'http://127.0.0.1:1', personId: 'me', demo: false };
const cipher = { ownerId: 'me', key: randomBytes(32) };

describe('session service: leaving an account', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Kysely<LocalDb>;
  let secrets: ReturnType<typeof memorySecrets>;
  let session: SessionService;
  let notes: NotesService;
  let keyHere: boolean;
  /** Runs while syncing stops, between the first check and the clearing: a write that lands late. */
  let whileStopping: () => Promise<unknown>;
  let signedIn: number;

  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
    await upsertPeople(db, [{ person: ada, seq: 1 }]);
    await writeState(db, 'account', ACCOUNT);
    secrets = memorySecrets({ [TOKEN_SECRET]: 'token' });
    keyHere = true;
    whileStopping = async () => undefined;
    signedIn = 0;
    session = createSessionService({
      db,
      secrets,
      // Only GET /v1/me is asked, when connecting: the server says the token is Bob's.
      fetch: async () => Response.json({ person: bob }),
      onSignedIn: () => signedIn++,
      onSignedOut: () => whileStopping().then(() => undefined),
      flushPendingWrites: async () => 0,
      emit: () => undefined,
      notesSynced: async () => keyHere,
    });
    notes = createNotesService({
      db,
      signedInPersonId: () => findSignedInPersonId(db, secrets),
      cipher: async () => (keyHere ? cipher : null),
      emit: () => undefined,
      syncSoon: () => undefined,
    });
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  const saveNote = (body: string) =>
    notes.save({ personId: ada.id, body, tags: [], pinned: false, followUpAt: null, interaction: null });
  const bodies = async () => (await db.selectFrom('notes').select('body').execute()).map((r) => r.body);

  it('clears the cache when nothing is left to push', async () => {
    expect(await session.signOut()).toMatchObject({ state: 'signed_out' });
    expect(await readState(db, 'account')).toBeNull();
    expect(await secrets.get(TOKEN_SECRET)).toBeNull();
  });

  it('refuses, keeping everything, when a note queued for the server is saved while syncing stops', async () => {
    whileStopping = () => saveNote('Saved during the sign-out');
    await expect(session.signOut()).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/1 change has not reached the server yet/),
    });
    expect(await bodies()).toEqual(['Saved during the sign-out']);
    expect(await db.selectFrom('outbox').select('mutation_id').execute()).toHaveLength(1);
    expect(await readState(db, 'account')).toEqual(ACCOUNT);
    expect(await secrets.get(TOKEN_SECRET)).toBe('token');
    expect(signedIn).toBe(1); // syncing resumed, to push it
    expect(await session.getSession()).toMatchObject({ state: 'signed_in' });
  });

  it('refuses when a note kept only on this device is saved while syncing stops', async () => {
    keyHere = false;
    whileStopping = () => saveNote('Only here');
    await expect(session.signOut()).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/1 note is only on this computer/),
    });
    expect(await bodies()).toEqual(['Only here']);
    expect(await readState(db, 'account')).toEqual(ACCOUNT);
  });

  it('refuses to switch account when a note is saved while syncing stops, keeping the first account', async () => {
    whileStopping = () => saveNote('Saved during the switch');
    await expect(
      session.connectServer({ serverUrl: 'http://127.0.0.1:2', token: 'bob-token' }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/before switching account/),
    });
    expect(await bodies()).toEqual(['Saved during the switch']);
    expect(await readState(db, 'account')).toEqual(ACCOUNT);
    expect(await secrets.get(TOKEN_SECRET)).toBe('token');
    expect(signedIn).toBe(1);
  });
});
