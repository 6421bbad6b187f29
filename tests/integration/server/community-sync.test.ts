import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST_BODY_MAX } from '#shared/domain/community';
import { NOT_FOUND } from '#shared/domain/community-rules';
import { ApiError } from '#shared/wire/auth';
import { PushResponse } from '#shared/wire/push';
import { BootstrapLine, CommunitySnapshot, PullPage, type Change } from '#shared/wire/sync';
import { findCurrentSeq, upsertPeople } from '#server/server';
import { findConnection } from '#server/repos/connections.repo';
import { findNote } from '#server/repos/notes.repo';
import { makePerson, range, readNdjson, startTestServer, type ServerFixture } from './server-fixture.ts';
import { createPost, newId, propose } from '../../support/communities.ts';
import { signIn, type Pusher } from './community-fixture.ts';
import { fakeCiphertext } from './notes-fixture.ts';

const LEADER = 'p000001';
const MEMBER = 'p000002';
const OUTSIDER = 'p000003';
const NEWCOMER = 'p000004';

let server: ServerFixture;
let leader: Pusher;
let member: Pusher;
let outsider: Pusher;
let newcomer: Pusher;

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 6).map((n) => makePerson(n)),
  );
  leader = await signIn(server, LEADER);
  member = await signIn(server, MEMBER);
  outsider = await signIn(server, OUTSIDER);
  newcomer = await signIn(server, NEWCOMER);
});
afterAll(() => server.stop());

async function bootstrap(who: Pusher, query = '') {
  const response = await server.get(`/v1/sync/bootstrap${query}`, who.token);
  expect(response.status).toBe(200);
  return (await readNdjson(response)).map((l) => BootstrapLine.parse(l));
}

async function pull(who: Pusher, since: number, limit = 1000) {
  const response = await server.get(`/v1/sync/pull?since=${since}&limit=${limit}`, who.token);
  expect(response.status).toBe(200);
  return PullPage.parse(await response.json());
}

/** The changes a pull from `since` brings that name one of these ids (a community, a post). */
async function changesAbout(who: Pusher, since: number, ids: readonly string[]) {
  const { changes } = await pull(who, since);
  return changes.filter((c) => ids.some((id) => JSON.stringify(c).includes(id)));
}

const describe_ = (c: Change) => `${c.entity}.${c.op} ${communityOf(c) ?? ''}`;

function communityOf(c: Change): string | undefined {
  switch (c.entity) {
    case 'community':
      return c.op === 'upsert' ? c.value.id : c.id;
    case 'membership':
      return c.op === 'upsert' ? c.value.communityId : c.communityId;
    case 'post':
      return c.op === 'upsert' ? c.value.communityId : undefined;
    case 'community_pref':
      return c.value.communityId;
    default:
      return undefined;
  }
}

const applied = async (results: Promise<{ status: string; reason?: string }[]>) => {
  for (const r of await results) expect(r, r.reason).toMatchObject({ status: 'applied' });
};

describe('communities in bootstrap and pull', () => {
  it('bootstraps open communities to everyone and private ones to their members only', async () => {
    const open = newId();
    const secret = newId();
    const openPost = createPost(open, 'question');
    const secretPost = createPost(secret, 'post');
    await applied(
      leader.send(
        propose(open, { name: 'Open guild' }),
        openPost,
        propose(secret, { name: 'Secret project', visibility: 'private' }),
        { type: 'membership.setRole', communityId: secret, personId: MEMBER, role: 'member' },
        secretPost,
      ),
    );
    await applied(member.send({ type: 'community_pref.put', communityId: secret, patch: { muted: true } }));

    const mine = await bootstrap(member);
    const types = (lines: BootstrapLine[], id: string) =>
      lines.filter((l) => 'value' in l && JSON.stringify(l.value).includes(id)).map((l) => l.type);
    expect(types(mine, secret)).toEqual(['community', 'membership', 'membership', 'post', 'community_pref']);
    expect(types(mine, open)).toEqual(['community', 'membership', 'post']);
    expect(mine.find((l) => l.type === 'community_pref')).toEqual({
      type: 'community_pref',
      value: {
        communityId: secret,
        followed: false,
        muted: true,
        lastReadAt: 0,
        updatedAt: expect.any(Number),
      },
    });

    const theirs = await bootstrap(outsider);
    expect(types(theirs, secret)).toEqual([]);
    expect(types(theirs, open)).toEqual(['community', 'membership', 'post']);
    // The leader's own preferences (followed on propose) reach the leader only.
    expect(theirs.filter((l) => l.type === 'community_pref')).toEqual([]);
    const leaders = await bootstrap(leader);
    expect(leaders.filter((l) => l.type === 'community_pref').map((l) => 'value' in l && l.value)).toEqual(
      expect.arrayContaining([expect.objectContaining({ communityId: open, followed: true })]),
    );
    expect(theirs.at(-1)).toMatchObject({ type: 'end', count: theirs.length - 2 });
    expect(theirs[0]).toMatchObject({ type: 'begin', total: theirs.length - 2 });
  });

  it('resumes a cut-off bootstrap inside the memberships section after a communityId/personId key', async () => {
    const c = newId();
    await applied(
      leader.send(propose(c), {
        type: 'membership.setRole',
        communityId: c,
        personId: MEMBER,
        role: 'member',
      }),
    );
    const cursor = await findCurrentSeq(server.db);
    const lines = await bootstrap(outsider, `?cursor=${cursor}&section=memberships&after=${c}/${LEADER}`);
    const memberships = lines.filter((l) => l.type === 'membership').map((l) => 'value' in l && l.value);
    expect(memberships[0]).toMatchObject({ communityId: c, personId: MEMBER });
    expect(lines.some((l) => l.type === 'community' || l.type === 'person')).toBe(false);

    const bad = await server.get(`/v1/sync/bootstrap?section=memberships&after=nokey`, outsider.token);
    expect(bad.status).toBe(400);
    expect(ApiError.parse(await bad.json()).error.message).toMatch(/communityId\/personId/);
  });

  it('pulls posts, edits and deletes of a private community to its members only', async () => {
    const c = newId();
    await applied(
      leader.send(propose(c, { visibility: 'private' }), {
        type: 'membership.setRole',
        communityId: c,
        personId: MEMBER,
        role: 'member',
      }),
    );
    const since = await findCurrentSeq(server.db);
    const post = createPost(c, 'best_practice');
    const postId = post.type === 'post.create' ? post.postId : '';
    await applied(member.send(post, { type: 'post.update', postId, patch: { body: 'Better text' } }));
    await applied(leader.send({ type: 'post.delete', postId }));

    const seen = await changesAbout(leader, since, [c, postId]);
    expect(seen).toEqual([{ entity: 'post', op: 'delete', seq: expect.any(Number), id: postId }]);
    const fromTheStart = await changesAbout(member, since - 2, [c, postId]);
    // From before they were added: the community comes with their membership; the leader's prefs never.
    expect(fromTheStart.map((x) => `${x.entity}.${x.op}`)).toEqual([
      'community.upsert',
      'membership.upsert',
      'post.delete',
    ]);
    expect((await pull(outsider, since)).changes.some((x) => JSON.stringify(x).includes(postId))).toBe(false);
    expect(await changesAbout(outsider, 0, [c])).toEqual([]);
  });

  it('brings a private community to someone added, with its past through the snapshot route', async () => {
    const c = newId();
    const old = createPost(c, 'post');
    await applied(leader.send(propose(c, { visibility: 'private' }), old));
    const snapshotPath = `/v1/communities/${c}/snapshot`;
    const hidden = await server.get(snapshotPath, newcomer.token);
    expect(hidden.status).toBe(404);
    expect(ApiError.parse(await hidden.json()).error).toEqual({ code: 'not_found', message: NOT_FOUND });

    const since = await findCurrentSeq(server.db);
    await applied(
      leader.send({ type: 'membership.setRole', communityId: c, personId: NEWCOMER, role: 'member' }),
    );
    const gained = await changesAbout(newcomer, since, [c]);
    // The community comes with their membership, at its seq (the community row itself is older).
    expect(gained.map((x) => `${x.entity}.${x.op}`)).toEqual(['community.upsert', 'membership.upsert']);
    expect(gained[0]?.seq).toBe(gained[1]?.seq);
    expect(gained.some((x) => x.entity === 'post')).toBe(false);

    const response = await server.get(snapshotPath, newcomer.token);
    expect(response.status).toBe(200);
    const snapshot = CommunitySnapshot.parse(await response.json());
    expect(snapshot.cursor).toBe(await findCurrentSeq(server.db));
    expect(snapshot.community).toMatchObject({ id: c, visibility: 'private', createdBy: LEADER });
    expect(snapshot.memberships.map((m) => `${m.personId}:${m.role}`)).toEqual([
      `${LEADER}:leader`,
      `${NEWCOMER}:member`,
    ]);
    expect(snapshot.posts.map((p) => p.id)).toEqual([old.type === 'post.create' ? old.postId : '']);
  });

  it('shows someone who asked to join a community that then turned private only it and their request', async () => {
    const c = newId();
    await applied(leader.send(propose(c, { visibility: 'request' }), createPost(c, 'post')));
    await applied(newcomer.send({ type: 'membership.join', communityId: c }));
    await applied(
      leader.send({ type: 'community.update', communityId: c, patch: { visibility: 'private' } }),
    );

    const lines = (await bootstrap(newcomer)).filter(
      (l) => 'value' in l && JSON.stringify(l.value).includes(c),
    );
    expect(lines.map((l) => l.type)).toEqual(['community', 'membership']);
    expect(lines[1]).toMatchObject({ value: { personId: NEWCOMER, status: 'requested', joinedAt: null } });
    const response = await server.get(`/v1/communities/${c}/snapshot`, newcomer.token);
    const snapshot = CommunitySnapshot.parse(await response.json());
    expect(snapshot.memberships.map((m) => m.personId)).toEqual([NEWCOMER]);
    expect(snapshot.posts).toEqual([]);
  });

  it('tells someone who left or was removed from a private community to drop it', async () => {
    const c = newId();
    await applied(
      leader.send(
        propose(c, { visibility: 'private' }),
        { type: 'membership.setRole', communityId: c, personId: MEMBER, role: 'member' },
        { type: 'membership.setRole', communityId: c, personId: NEWCOMER, role: 'member' },
      ),
    );
    const since = await findCurrentSeq(server.db);
    await applied(member.send({ type: 'membership.leave', communityId: c }));
    await applied(leader.send({ type: 'membership.remove', communityId: c, personId: NEWCOMER }));
    await applied(leader.send(createPost(c, 'post')));

    for (const [who, personId] of [
      [member, MEMBER],
      [newcomer, NEWCOMER],
    ] as const) {
      const lost = await changesAbout(who, since, [c]);
      expect(lost).toEqual([
        { entity: 'community', op: 'delete', seq: expect.any(Number), id: c },
        { entity: 'membership', op: 'delete', seq: lost[0]?.seq, communityId: c, personId },
      ]);
    }
    // The leader, still a member, sees both leave.
    const stayed = await changesAbout(leader, since, [c]);
    expect(stayed.map((x) => `${x.entity}.${x.op}`)).toEqual([
      'membership.delete',
      'membership.delete',
      'post.upsert',
    ]);
  });

  it('tells those who saw a community that turned private to drop it, and no one else', async () => {
    const c = newId();
    await applied(leader.send(propose(c, { visibility: 'open' })));
    const before = await findCurrentSeq(server.db);
    await applied(
      leader.send({ type: 'community.update', communityId: c, patch: { visibility: 'private' } }),
    );
    expect(await changesAbout(outsider, before, [c])).toEqual([
      { entity: 'community', op: 'delete', seq: before + 1, id: c },
    ]);
    const leaderSees = await changesAbout(leader, before, [c]);
    expect(leaderSees).toMatchObject([
      { entity: 'community', op: 'upsert', value: { visibility: 'private' } },
    ]);
    // One pulling from after it turned private hears nothing of it again.
    await applied(leader.send({ type: 'community.update', communityId: c, patch: { purpose: 'Hush' } }));
    expect(await changesAbout(outsider, before + 1, [c])).toEqual([]);
  });

  it('never ends a pull page between a membership and the community it carries', async () => {
    const c = newId();
    await applied(leader.send(propose(c, { visibility: 'private' })));
    const since = await findCurrentSeq(server.db);
    await applied(
      leader.send({ type: 'membership.setRole', communityId: c, personId: OUTSIDER, role: 'member' }),
    );
    const page = await pull(outsider, since, 1);
    expect(page.changes.map((x) => `${x.entity}.${x.op}`)).toEqual(['community.upsert', 'membership.upsert']);
    expect(page.cursor).toBe(since + 1);

    // Two such pairs in a row: a page of 3 stops after the first pair, the next one brings the second.
    const [c1, c2] = [newId(), newId()];
    await applied(
      leader.send(propose(c1, { visibility: 'private' }), propose(c2, { visibility: 'private' })),
    );
    const later = await findCurrentSeq(server.db);
    await applied(
      leader.send(
        { type: 'membership.setRole', communityId: c1, personId: OUTSIDER, role: 'member' },
        { type: 'membership.setRole', communityId: c2, personId: OUTSIDER, role: 'member' },
      ),
    );
    const first = await pull(outsider, later, 3);
    expect(first.changes.map(describe_)).toEqual([`community.upsert ${c1}`, `membership.upsert ${c1}`]);
    expect(first).toMatchObject({ cursor: later + 1, hasMore: true });
    const second = await pull(outsider, first.cursor, 3);
    expect(second.changes.map(describe_)).toEqual([`community.upsert ${c2}`, `membership.upsert ${c2}`]);
    expect(second).toMatchObject({ cursor: later + 2, hasMore: false });
  });

  it("keeps each person's community preferences to themselves, last writer per field", async () => {
    const c = newId();
    await applied(leader.send(propose(c)));
    const since = await findCurrentSeq(server.db);
    await applied(outsider.send({ type: 'community_pref.put', communityId: c, patch: { lastReadAt: 1234 } }));
    await applied(outsider.send({ type: 'community_pref.put', communityId: c, patch: { followed: true } }));
    const own = await changesAbout(outsider, since, [c]);
    expect(own.at(-1)).toMatchObject({
      entity: 'community_pref',
      value: { communityId: c, followed: true, muted: false, lastReadAt: 1234 },
    });
    expect(await changesAbout(leader, since, [c])).toEqual([]);
  });
});

describe('POST /v1/sync/push with community mutations', () => {
  it('refuses an oversized post body with 400 naming the field, and changes nothing', async () => {
    const c = newId();
    await applied(leader.send(propose(c)));
    const seq = await findCurrentSeq(server.db);
    const tooLong = createPost(c, 'post', { body: 'x'.repeat(POST_BODY_MAX + 1) });
    const response = await server.post(
      '/v1/sync/push',
      { clientId: 'oversized-0001', mutations: [{ ...tooLong, mutationId: 1 }] },
      leader.token,
    );
    expect(response.status).toBe(400);
    const { error } = ApiError.parse(await response.json());
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain("body field 'mutations.0.body'");
    expect(error.message).toContain('A post has at most 20,000 characters');
    expect(await findCurrentSeq(server.db)).toBe(seq);
  });

  it('settles a batch mixing connection, note and community mutations in order', async () => {
    const c = newId();
    const noteId = newId();
    const question = createPost(c, 'question');
    const results = await leader.send(
      { type: 'connection.put', personId: MEMBER, patch: { strength: 5 } },
      propose(c),
      { type: 'note.put', noteId, baseRev: 0, ciphertext: fakeCiphertext('mixed') },
      question,
      { type: 'membership.leave', communityId: c },
      { type: 'connection.put', personId: LEADER, patch: { strength: 2 } },
      createPost(c, 'answer', { parentId: question.type === 'post.create' ? question.postId : null }),
    );
    expect(results).toEqual([
      { mutationId: expect.any(Number), status: 'applied' },
      { mutationId: expect.any(Number), status: 'applied' },
      { mutationId: expect.any(Number), status: 'applied' },
      { mutationId: expect.any(Number), status: 'applied' },
      {
        mutationId: expect.any(Number),
        status: 'rejected',
        reason: 'A community needs at least one leader: appoint another leader first',
      },
      { mutationId: expect.any(Number), status: 'rejected', reason: "You can't connect to yourself" },
      { mutationId: expect.any(Number), status: 'applied' },
    ]);
    const ids = results.map((r) => r.mutationId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await findConnection(server.db, { ownerId: LEADER, personId: MEMBER })).toMatchObject({
      strength: 5,
    });
    expect(await findNote(server.db, { ownerId: LEADER, id: noteId })).toMatchObject({ rev: 1 });
    const posts = await server.db.selectFrom('posts').select('kind').where('community_id', '=', c).execute();
    expect(posts.map((p) => p.kind).sort()).toEqual(['answer', 'question']);
  });

  it('answers a retried community mutation with the same rejection and applies it once', async () => {
    const c = newId();
    const request = {
      clientId: 'retry-client-0001',
      mutations: [
        { ...propose(c), mutationId: 1 },
        { type: 'membership.leave' as const, communityId: c, mutationId: 2 },
      ],
    };
    const first = await server.post('/v1/sync/push', request, leader.token);
    const again = await server.post('/v1/sync/push', request, leader.token);
    const results = async (r: Response) => PushResponse.parse(await r.json()).results;
    expect((await results(first)).map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(await results(again)).toEqual([
      { mutationId: 1, status: 'duplicate' },
      {
        mutationId: 2,
        status: 'rejected',
        reason: 'A community needs at least one leader: appoint another leader first',
      },
    ]);
  });
});
