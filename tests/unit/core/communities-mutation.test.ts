import { describe, expect, it } from 'vitest';
import {
  applyCommunityMutationLocally,
  communityKey,
  keysWritten,
  membershipKey,
  postKey,
  prefKey,
  type CommunityRows,
  type EntityRow,
} from '#core/communities/community-mutation';
import type { Community, CommunityFields, Membership, Post } from '#shared/domain/community';
import { makeCommunity, makePost } from '../../support/communities.ts';

const C = '00000000-0000-4000-8000-000000000001';
const Q = '00000000-0000-4000-8000-0000000000a1';
const A = '00000000-0000-4000-8000-0000000000a2';
const ME = 'p-me';
const ctx = { actorId: ME, at: 5000 };

const community = (fields: Partial<Community> = {}): Community => makeCommunity({ id: C, ...fields });

const question: Post = makePost({
  id: Q,
  communityId: C,
  authorId: ME,
  kind: 'question',
  title: 'How?',
  createdAt: 200,
});

function rows(...entries: EntityRow[]): CommunityRows {
  const out: CommunityRows = new Map();
  for (const row of entries) {
    const key =
      row.entity === 'community'
        ? communityKey(row.value.id)
        : row.entity === 'membership'
          ? membershipKey(row.value.communityId, row.value.personId)
          : row.entity === 'post'
            ? postKey(row.value.id)
            : prefKey(row.value.communityId);
    out.set(key, row);
  }
  return out;
}

const value = (state: CommunityRows, key: string) => state.get(key)?.value ?? null;

describe('applyCommunityMutationLocally', () => {
  it('makes the proposer an active leader who follows the community, at the local time', () => {
    const fields: CommunityFields = {
      name: 'Guild',
      kind: 'team',
      purpose: 'p',
      objectives: ['o'],
      visibility: 'private',
    };
    const next = applyCommunityMutationLocally(
      new Map(),
      { type: 'community.propose', communityId: C, fields },
      ctx,
    );
    expect(value(next, communityKey(C))).toEqual({
      id: C,
      ...fields,
      createdBy: ME,
      createdAt: 5000,
      archived: false,
      updatedAt: 5000,
      managedByDirectory: false,
    });
    expect(value(next, membershipKey(C, ME))).toEqual({
      communityId: C,
      personId: ME,
      role: 'leader',
      status: 'active',
      since: 5000,
      joinedAt: 5000,
    });
    expect(value(next, prefKey(C))).toEqual({
      communityId: C,
      followed: true,
      muted: false,
      lastReadAt: 0,
      updatedAt: 5000,
    });
  });

  it('joins an open community at once (and follows it), a request community as a request', () => {
    const open = applyCommunityMutationLocally(
      rows({ entity: 'community', value: community() }),
      { type: 'membership.join', communityId: C },
      ctx,
    );
    expect(value(open, membershipKey(C, ME))).toMatchObject({
      status: 'active',
      joinedAt: 5000,
      role: 'member',
    });
    expect(value(open, prefKey(C))).toMatchObject({ followed: true });

    const gated = applyCommunityMutationLocally(
      rows({ entity: 'community', value: community({ visibility: 'request' }) }),
      { type: 'membership.join', communityId: C },
      ctx,
    );
    expect(value(gated, membershipKey(C, ME))).toMatchObject({ status: 'requested', joinedAt: null });
    expect(gated.has(prefKey(C))).toBe(false);
  });

  it('approves a request, adds or promotes with setRole, and removes', () => {
    const request: Membership = {
      communityId: C,
      personId: 'p-x',
      role: 'member',
      status: 'requested',
      since: 10,
      joinedAt: null,
    };
    const start = rows({ entity: 'membership', value: request });
    const approved = applyCommunityMutationLocally(
      start,
      { type: 'membership.decide', communityId: C, personId: 'p-x', approve: true },
      ctx,
    );
    expect(value(approved, membershipKey(C, 'p-x'))).toMatchObject({
      status: 'active',
      joinedAt: 5000,
      since: 10,
    });
    const declined = applyCommunityMutationLocally(
      start,
      { type: 'membership.decide', communityId: C, personId: 'p-x', approve: false },
      ctx,
    );
    expect(declined.get(membershipKey(C, 'p-x'))).toBeNull();

    const promoted = applyCommunityMutationLocally(
      approved,
      { type: 'membership.setRole', communityId: C, personId: 'p-x', role: 'moderator' },
      { actorId: ME, at: 9000 },
    );
    expect(value(promoted, membershipKey(C, 'p-x'))).toMatchObject({ role: 'moderator', joinedAt: 5000 });
    const added = applyCommunityMutationLocally(
      new Map(),
      { type: 'membership.setRole', communityId: C, personId: 'p-y', role: 'leader' },
      ctx,
    );
    expect(value(added, membershipKey(C, 'p-y'))).toMatchObject({
      role: 'leader',
      status: 'active',
      since: 5000,
    });
    const removed = applyCommunityMutationLocally(
      promoted,
      { type: 'membership.remove', communityId: C, personId: 'p-x' },
      ctx,
    );
    expect(removed.get(membershipKey(C, 'p-x'))).toBeNull();
  });

  it('edits only the fields of a patch, keeps the rest, and marks the edit time', () => {
    const start = rows({ entity: 'post', value: question }, { entity: 'community', value: community() });
    const edited = applyCommunityMutationLocally(
      start,
      { type: 'post.update', postId: Q, patch: { body: 'New body', title: undefined } },
      ctx,
    );
    expect(value(edited, postKey(Q))).toEqual({ ...question, body: 'New body', editedAt: 5000 });
    const renamed = applyCommunityMutationLocally(
      start,
      { type: 'community.update', communityId: C, patch: { name: 'K8s Guild' } },
      ctx,
    );
    expect(value(renamed, communityKey(C))).toEqual({ ...community(), name: 'K8s Guild', updatedAt: 5000 });
    const archived = applyCommunityMutationLocally(
      start,
      { type: 'community.archive', communityId: C, archived: true },
      ctx,
    );
    expect(value(archived, communityKey(C))).toMatchObject({ archived: true });
    // The input map is left as it was: replays start from the same base.
    expect(value(start, postKey(Q))).toEqual(question);
  });

  it('creates posts, accepts and un-accepts an answer, deletes', () => {
    const created = applyCommunityMutationLocally(
      rows({ entity: 'post', value: question }),
      {
        type: 'post.create',
        postId: A,
        communityId: C,
        kind: 'answer',
        parentId: Q,
        title: null,
        body: 'Like this',
        event: null,
      },
      ctx,
    );
    expect(value(created, postKey(A))).toEqual({
      id: A,
      communityId: C,
      authorId: ME,
      kind: 'answer',
      parentId: Q,
      title: null,
      body: 'Like this',
      event: null,
      acceptedAnswerId: null,
      createdAt: 5000,
      editedAt: null,
    });
    const accepted = applyCommunityMutationLocally(
      created,
      { type: 'post.accept', questionId: Q, answerId: A },
      ctx,
    );
    expect(value(accepted, postKey(Q))).toMatchObject({ acceptedAnswerId: A });
    const unaccepted = applyCommunityMutationLocally(
      accepted,
      { type: 'post.accept', questionId: Q, answerId: null },
      ctx,
    );
    expect(value(unaccepted, postKey(Q))).toMatchObject({ acceptedAnswerId: null });
    const deleted = applyCommunityMutationLocally(accepted, { type: 'post.delete', postId: A }, ctx);
    expect(deleted.get(postKey(A))).toBeNull();
  });

  it('changes nothing when the row a write is about is gone', () => {
    for (const m of [
      { type: 'post.update', postId: Q, patch: { body: 'x' } },
      { type: 'post.accept', questionId: Q, answerId: A },
      { type: 'community.update', communityId: C, patch: { name: 'x' } },
      { type: 'membership.join', communityId: C },
    ] as const) {
      expect(applyCommunityMutationLocally(new Map(), m, ctx)).toEqual(new Map());
    }
  });

  it('puts preference fields one by one, last writer per field', () => {
    const followed = applyCommunityMutationLocally(
      new Map(),
      { type: 'community_pref.put', communityId: C, patch: { followed: true } },
      ctx,
    );
    const read = applyCommunityMutationLocally(
      followed,
      { type: 'community_pref.put', communityId: C, patch: { lastReadAt: 4000 } },
      { actorId: ME, at: 6000 },
    );
    expect(value(read, prefKey(C))).toEqual({
      communityId: C,
      followed: true,
      muted: false,
      lastReadAt: 4000,
      updatedAt: 6000,
    });
  });

  it('files each write under the row it is about, first among those it changes', () => {
    expect(keysWritten({ type: 'post.accept', questionId: Q, answerId: A }, ME)).toEqual([postKey(Q)]);
    expect(keysWritten({ type: 'membership.join', communityId: C }, ME)).toEqual([
      membershipKey(C, ME),
      prefKey(C),
    ]);
    expect(
      keysWritten(
        {
          type: 'community.propose',
          communityId: C,
          fields: { name: 'Guild', kind: 'team', purpose: 'p', objectives: [], visibility: 'open' },
        },
        ME,
      )[0],
    ).toBe(communityKey(C));
  });
});
