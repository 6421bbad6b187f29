import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyLocalWrite,
  applyServerRows,
  rollBackCommunityWrites,
  rowChange,
} from '#core/communities/apply-community-changes';
import { findPost } from '#core/communities/communities.repo';
import { postKey, primaryKeyOf } from '#core/communities/community-mutation';
import {
  appendToOutbox,
  deleteFromOutbox,
  listOutbox,
  listPendingCommunityWrites,
  listPendingWrites,
  outboxKind,
  toMutation,
  type NewCommunityMutation,
} from '#core/sync/outbox.repo';
import { openLocalDb, type LocalDb } from '#core/store/local-db';
import type { Post } from '#shared/domain/community';
import type { Mutation } from '#shared/wire/push';
import { makePost } from '../../support/communities.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const C = '00000000-0000-4000-8000-000000000001';
const P = '00000000-0000-4000-8000-0000000000b1';
const ME = 'p-me';

const serverPost = (fields: Partial<Post> = {}): Post =>
  makePost({ id: P, communityId: C, authorId: ME, body: 'Server body', ...fields });

describe('community writes in the outbox', () => {
  let db: Kysely<LocalDb>;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir();
    db = await openLocalDb(dir.path);
  });
  afterEach(async () => {
    await db.destroy();
    await dir.remove();
  });

  /** Applies and queues a write as the service does, in one transaction; returns its mutation id. */
  const queue = (m: NewCommunityMutation, at: number) =>
    db.transaction().execute(async (trx) => {
      await applyLocalWrite(trx, m, { actorId: ME, at });
      return appendToOutbox(trx, { mutation: m, actorId: ME, entityKey: primaryKeyOf(m, ME) }, at);
    });

  it('reads every kind of community write back as the mutation that was queued', async () => {
    const writes: NewCommunityMutation[] = [
      {
        type: 'community.propose',
        communityId: C,
        fields: { name: 'Guild', kind: 'team', purpose: 'p', objectives: ['a'], visibility: 'request' },
      },
      { type: 'membership.setRole', communityId: C, personId: 'p-x', role: 'moderator' },
      {
        type: 'post.create',
        postId: P,
        communityId: C,
        kind: 'event',
        parentId: null,
        title: 'Meetup',
        body: '',
        event: { startsAt: 123, place: 'Lyon' },
      },
      { type: 'post.update', postId: P, patch: { title: null } },
      { type: 'post.accept', questionId: P, answerId: null },
      { type: 'community_pref.put', communityId: C, patch: { muted: true } },
    ];
    await db.transaction().execute(async (trx) => {
      await appendToOutbox(
        trx,
        { mutation: { type: 'connection.put', personId: 'p-x', patch: { strength: 3 } } },
        1,
      );
      for (const m of writes)
        await appendToOutbox(trx, { mutation: m, actorId: ME, entityKey: primaryKeyOf(m, ME) }, 2);
    });
    const rows = await listOutbox(db, 100);
    expect(rows.map(toMutation)).toEqual([
      { type: 'connection.put', mutationId: 1, personId: 'p-x', patch: { strength: 3 } },
      ...writes.map((m, i): Mutation => ({ ...m, mutationId: i + 2 }) as Mutation),
    ]);
    expect(rows.map((r) => r.entity_key)).toEqual([
      null,
      `community:${C}`,
      `membership:${C}/p-x`,
      postKey(P),
      postKey(P),
      postKey(P),
      `community_pref:${C}`,
    ]);
    // The acting person is kept, but community writes are never taken for connection edits of them.
    expect((await listPendingWrites(db, [ME, 'p-x'])).get(ME)).toBeUndefined();
    expect((await listPendingCommunityWrites(db)).map((w) => w.actorId)).toEqual(Array(6).fill(ME));
  });

  it('lands a pull under a pending edit, and rolls a refused edit back with the later ones replayed', async () => {
    await db
      .transaction()
      .execute((trx) => applyServerRows(trx, [rowChange({ entity: 'post', value: serverPost() }, 10)]));
    const first = await queue({ type: 'post.update', postId: P, patch: { body: 'Local body' } }, 500);
    await queue({ type: 'post.update', postId: P, patch: { title: 'Local title' } }, 600);
    expect(await findPost(db, P)).toMatchObject({ body: 'Local body', title: 'Local title', editedAt: 600 });

    // Another device changed the body and the event time: pending writes stay on top of it.
    await db
      .transaction()
      .execute((trx) =>
        applyServerRows(trx, [
          rowChange({ entity: 'post', value: serverPost({ body: 'Theirs', editedAt: 300 }) }, 20),
        ]),
      );
    expect(await findPost(db, P)).toMatchObject({ body: 'Local body', title: 'Local title' });

    // The server refuses the body edit: the body is the server's again, the title edit stays.
    const [rejected] = (await listPendingCommunityWrites(db)).filter((w) => w.mutation.mutationId === first);
    await db.transaction().execute(async (trx) => {
      await deleteFromOutbox(trx, [first]);
      await rollBackCommunityWrites(trx, [rejected!]);
    });
    expect(await findPost(db, P)).toMatchObject({ body: 'Theirs', title: 'Local title', editedAt: 600 });
    expect(await db.selectFrom('community_shadows').select('entity_key').execute()).toEqual([
      { entity_key: postKey(P) },
    ]);

    // Acknowledged, then pulled back as the server's: the shadow is no longer needed.
    await deleteFromOutbox(db, [first + 1]);
    await db
      .transaction()
      .execute((trx) =>
        applyServerRows(trx, [
          rowChange(
            { entity: 'post', value: serverPost({ body: 'Theirs', title: 'Local title', editedAt: 900 }) },
            30,
          ),
        ]),
      );
    expect(await findPost(db, P)).toMatchObject({ body: 'Theirs', title: 'Local title', editedAt: 900 });
    expect(await db.selectFrom('community_shadows').selectAll().execute()).toEqual([]);
  });

  it('removes a post created here when the server refuses it, and keeps it under a pending delete', async () => {
    const create: NewCommunityMutation = {
      type: 'post.create',
      postId: P,
      communityId: C,
      kind: 'post',
      parentId: null,
      title: null,
      body: 'Hello',
      event: null,
    };
    const id = await queue(create, 500);
    expect(await findPost(db, P)).toMatchObject({ body: 'Hello', createdAt: 500 });
    await db.transaction().execute(async (trx) => {
      await deleteFromOutbox(trx, [id]);
      await rollBackCommunityWrites(trx, [{ mutation: { ...create, mutationId: id }, actorId: ME }]);
    });
    expect(await findPost(db, P)).toBeNull();

    await db
      .transaction()
      .execute((trx) => applyServerRows(trx, [rowChange({ entity: 'post', value: serverPost() }, 10)]));
    await queue({ type: 'post.delete', postId: P }, 700);
    await db
      .transaction()
      .execute((trx) =>
        applyServerRows(trx, [rowChange({ entity: 'post', value: serverPost({ body: 'Edited' }) }, 20)]),
      );
    expect(await findPost(db, P)).toBeNull();
  });

  it('keeps a row held at a later seq when an older copy arrives (a community snapshot behind a pull)', async () => {
    await db
      .transaction()
      .execute((trx) =>
        applyServerRows(trx, [rowChange({ entity: 'post', value: serverPost({ body: 'New' }) }, 50)]),
      );
    await db.transaction().execute((trx) =>
      applyServerRows(trx, [rowChange({ entity: 'post', value: serverPost({ body: 'Old' }) }, 40)], {
        skipOlder: true,
      }),
    );
    expect(await findPost(db, P)).toMatchObject({ body: 'New' });
  });
});

describe('outboxKind', () => {
  const row = (type: string, noteId: string | null = null) => ({ type, note_id: noteId, mutation_id: 7 });

  it('tells each entity’s queued writes apart', () => {
    expect(outboxKind(row('connection.put'))).toBe('connection');
    expect(outboxKind(row('connection.delete'))).toBe('connection');
    expect(outboxKind(row('note.put', 'n-1'))).toBe('note');
    expect(outboxKind(row('post.create'))).toBe('community');
    expect(outboxKind(row('membership.join'))).toBe('community');
  });

  it('refuses a type it does not know instead of pushing it as a connection', () => {
    expect(() => outboxKind(row('reaction.add'))).toThrow('Outbox row 7 has an unknown type: reaction.add');
  });
});
