import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '#server/server';
import { createDispatcher } from '#shared/ipc/dispatch';
import { NOTE_BODY_MAX } from '#shared/domain/note';
import { colleagues, settle, startPushFixture } from '../../support/push-fixture.ts';

const ada = colleagues[0]!;

describe('notes through the core and the IPC dispatcher', () => {
  let fx: Awaited<ReturnType<typeof startPushFixture>>;
  beforeAll(async () => (fx = await startPushFixture()));
  afterAll(() => fx.close());

  async function signedIn(device: string) {
    const { core, db } = await fx.signedInCore(device);
    await settle(core);
    const dispatch = createDispatcher(core.handlers);
    const countNotes = async () => (await db.selectFrom('notes').select('id').execute()).length;
    return { core, db, dispatch, countNotes };
  }

  it('saves a note, tells the renderer, and finds it', async () => {
    const { core, dispatch } = await signedIn('save');
    const changed: unknown[] = [];
    core.events.on('notes.changed', (e) => changed.push(e));
    const saved = await dispatch('notes.save', {
      personId: ada.id,
      body: '# Coffee\nTalked about *Kubernetes*',
      tags: [' mentoring '],
      pinned: false,
      followUpAt: '2030-01-02',
    });
    expect(saved).toMatchObject({ ok: true, value: { personId: ada.id, tags: ['mentoring'] } });
    expect(changed).toEqual([{}]);
    const found = await dispatch('notes.search', { text: 'kuber', tag: 'Mentoring' });
    expect(found).toMatchObject({
      ok: true,
      value: { items: [{ note: { personId: ada.id }, person: { id: ada.id, name: ada.name } }] },
    });
    expect(await dispatch('notes.listTags', undefined)).toEqual({
      ok: true,
      value: [{ value: 'mentoring', count: 1 }],
    });
  });

  it.each([
    ['a body over 1 MB', { body: 'x'.repeat(NOTE_BODY_MAX + 1) }, /body: A note can hold at most 1 MB/],
    ['an invalid date', { followUpAt: '2025-02-30' }, /followUpAt: Expected a date as YYYY-MM-DD/],
    ['a malformed date', { followUpAt: 'tomorrow' }, /followUpAt/],
    ['a bad tag', { tags: ['#hash'] }, /tags\.0: A tag is letters, digits/],
    ['a repeated tag', { tags: ['Go', 'go'] }, /Each tag may appear once/],
    ['an unknown field', { colour: 'red' }, /colour/],
    ['a malformed id', { id: 'not-a-uuid' }, /id/],
  ])('rejects %s with invalid_input and writes nothing', async (_what, patch, message) => {
    const { dispatch, countNotes } = await signedIn(`bad-${String(_what).replace(/\W+/g, '-')}`);
    const result = await dispatch('notes.save', {
      personId: ada.id,
      body: 'ok',
      tags: [],
      pinned: false,
      followUpAt: null,
      ...patch,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message } });
    expect(await countNotes()).toBe(0);
  });

  it('answers not_found for an unknown note or colleague, writing nothing', async () => {
    const { dispatch, countNotes } = await signedIn('not-found');
    const base = { personId: ada.id, body: 'x', tags: [], pinned: false, followUpAt: null };
    expect(
      await dispatch('notes.save', { ...base, id: '8d1f0c7e-3c2b-4f7a-9a51-0c2f3b4a5d6e' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/No note with id/) },
    });
    expect(await dispatch('notes.save', { ...base, personId: 'no-such-person' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/no-such-person/) },
    });
    expect(await countNotes()).toBe(0);
  });

  it('refuses to sign out or switch account while notes exist, deleting nothing', async () => {
    const { core, db, dispatch, countNotes } = await signedIn('sign-out');
    const saved = await core.handlers.notes.save({
      personId: ada.id,
      body: 'Only here',
      tags: [],
      pinned: true,
      followUpAt: null,
      interaction: null,
    });

    const refused = await dispatch('session.signOut', undefined);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/1 note is only on this computer/) },
    });
    expect(await countNotes()).toBe(1);
    expect((await core.handlers.session.getSession(undefined)).state).toBe('signed_in');

    const other = colleagues[1]!;
    const switched = await dispatch('session.connectServer', {
      serverUrl: fx.server.url,
      token: await issueToken(fx.server.db, other.id),
    });
    expect(switched).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/Switching account would delete it/) },
    });
    expect(await countNotes()).toBe(1);
    expect(await db.selectFrom('people').select('id').limit(1).execute()).toHaveLength(1);

    // Once the notes are gone, signing out works and leaves nothing personal behind.
    expect(await dispatch('notes.delete', { id: saved.id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await dispatch('session.signOut', undefined)).toMatchObject({
      ok: true,
      value: { state: 'signed_out' },
    });
    expect(
      await dispatch('notes.save', {
        personId: ada.id,
        body: 'x',
        tags: [],
        pinned: false,
        followUpAt: null,
      }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await countNotes()).toBe(0);
  });
});
