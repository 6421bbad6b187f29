import { randomUUID } from 'node:crypto';
import {
  ActivityQuery,
  CommunityListQuery,
  FeedQuery,
  MembersQuery,
  type CommunityDetail,
  type CommunityFields,
  type CommunityPrefFields,
  type CommunityRole,
  type CreatePostInput,
  type FeedItem,
  type MyMembership,
  type PostThread,
  type UpdatePostInput,
} from '#shared/domain/community';
import {
  NOT_FOUND,
  refuseAccept,
  refuseCreatePost,
  refuseDecide,
  refuseEditPost,
  refuseJoin,
  refuseLeave,
  refusePostShape,
  refuseRemove,
  refuseSetRole,
  refuseUpdate,
  canSee,
} from '#shared/domain/community-rules';
import { KithError, type ErrorCode } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { LocalWriterOptions } from '../core-types.ts';
import { announceWrites } from '../events.ts';
import { appendToOutbox, type NewCommunityMutation } from '../sync/outbox.repo.ts';
import { listHomeActivity } from './activity.repo.ts';
import { applyLocalWrite } from './apply-community-changes.ts';
import {
  countActiveLeaders,
  findCommunity,
  findCommunityDetail,
  findMembership,
  findMyMembership,
  findPost,
  findPref,
  listAnswerRows,
  listCommonCommunityIds,
  listCommunityIds,
  listMembers,
} from './communities.repo.ts';
import { primaryKeyOf } from './community-mutation.ts';
import { buildFeedItems, listFeedPage } from './feed.repo.ts';
import { computeCommunityHealth } from './health.repo.ts';
import { listCommunitySummaries } from './summaries.repo.ts';
import { listCommunitySuggestions } from './suggestions.repo.ts';

/** A refusal of the rules as an error; nothing has been written when it is thrown. */
function refuse(reason: string | null, code: ErrorCode = 'forbidden') {
  if (reason) throw new KithError(reason === NOT_FOUND ? 'not_found' : code, reason);
}

/**
 * Communities from the local cache, and offline-first writes: each is checked against the community rules
 * on what the cache holds (a refusal changes nothing and queues nothing), then applied to the cache and
 * queued for the server in one transaction, then 'communities.changed' is emitted.
 */
export function createCommunitiesService(options: LocalWriterOptions) {
  const { db, signedInPersonId, now = Date.now } = options;
  const onWritten = announceWrites(options, 'communities.changed');

  async function viewer(): Promise<string> {
    const me = await signedInPersonId();
    if (!me) throw new KithError('unauthorized', 'Sign in to take part in communities');
    return me;
  }

  /** The community, the actor's membership and how many leaders it has, as the cache holds them. */
  async function load(communityId: string, actorId: string) {
    const [community, me] = await Promise.all([
      findCommunity(db, communityId),
      findMembership(db, communityId, actorId),
    ]);
    return { community, me };
  }

  /** Applies the mutations to the cache and queues them for the server, in order, in one transaction. */
  async function write(mutations: NewCommunityMutation | NewCommunityMutation[], actorId: string) {
    await db.transaction().execute(async (trx) => {
      const at = now();
      for (const mutation of Array.isArray(mutations) ? mutations : [mutations]) {
        await applyLocalWrite(trx, mutation, { actorId, at });
        await appendToOutbox(trx, { mutation, actorId, entityKey: primaryKeyOf(mutation, actorId) }, at);
      }
    });
    onWritten();
  }

  async function detail(communityId: string, viewerId: string): Promise<CommunityDetail> {
    const found = await findCommunityDetail(db, communityId, viewerId);
    if (!found) throw new KithError('not_found', NOT_FOUND);
    return found;
  }

  async function feedItem(postId: string, viewerId: string): Promise<FeedItem> {
    const row = await db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirst();
    if (!row) throw new KithError('not_found', 'This post does not exist or is not visible to you');
    const [item] = await buildFeedItems(db, [row], { personId: viewerId });
    if (!item) throw new KithError('internal', `The post ${postId} could not be read back`);
    return item;
  }

  async function thread(postId: string, viewerId: string): Promise<PostThread> {
    const post = await findPost(db, postId);
    const { community, me } = post ? await load(post.communityId, viewerId) : { community: null, me: null };
    if (!post || !community || !canSee(community, me))
      throw new KithError('not_found', 'This post does not exist or is not visible to you');
    return {
      item: await feedItem(postId, viewerId),
      answers: await buildFeedItems(db, await listAnswerRows(db, postId), { personId: viewerId }),
    };
  }

  /** Checks a change of someone's membership by a leader or moderator, then queues it. */
  async function changeMember(
    mutation: Extract<
      NewCommunityMutation,
      { type: 'membership.decide' | 'membership.setRole' | 'membership.remove' }
    >,
  ): Promise<CommunityDetail> {
    const actorId = await viewer();
    const { community, me } = await load(mutation.communityId, actorId);
    const target = await findMembership(db, mutation.communityId, mutation.personId);
    const leaders = await countActiveLeaders(db, mutation.communityId);
    if (mutation.type === 'membership.decide') refuse(refuseDecide(community, me, target));
    else if (mutation.type === 'membership.remove') refuse(refuseRemove(community, me, target, leaders));
    else {
      refuse(refuseSetRole(community, me, target, mutation.role, leaders));
      const person = await db
        .selectFrom('people')
        .select('id')
        .where('id', '=', mutation.personId)
        .executeTakeFirst();
      if (!person) throw new KithError('not_found', `No colleague with id ${mutation.personId}`);
    }
    await write(mutation, actorId);
    return detail(mutation.communityId, actorId);
  }

  async function putPrefs(communityId: string, patch: Partial<CommunityPrefFields>, actorId: string) {
    const { community, me } = await load(communityId, actorId);
    if (!community || !canSee(community, me)) throw new KithError('not_found', NOT_FOUND);
    await write({ type: 'community_pref.put', communityId, patch }, actorId);
  }

  return {
    async list(query: CommunityListQuery) {
      const viewerId = await viewer();
      const ids = await listCommunityIds(db, CommunityListQuery.parse(query), viewerId);
      return { items: await listCommunitySummaries(db, ids, viewerId, now()) };
    },
    async get(communityId: string) {
      return detail(communityId, await viewer());
    },
    async listMembers(query: MembersQuery) {
      const viewerId = await viewer();
      const parsed = MembersQuery.parse(query);
      const { community, me } = await load(parsed.communityId, viewerId);
      if (!community || !canSee(community, me)) throw new KithError('not_found', NOT_FOUND);
      return listMembers(db, parsed);
    },
    async feed(query: FeedQuery) {
      return listFeedPage(db, FeedQuery.parse(query), { personId: await viewer() });
    },
    async getThread(postId: string) {
      return thread(postId, await viewer());
    },
    async health(communityId: string) {
      await viewer();
      if (!(await findCommunity(db, communityId))) throw new KithError('not_found', NOT_FOUND);
      return computeCommunityHealth(db, communityId, now());
    },
    async suggestions() {
      return { items: await listCommunitySuggestions(db, await viewer()) };
    },
    async activity(query: ActivityQuery) {
      return listHomeActivity(db, ActivityQuery.parse(query), await viewer(), now());
    },
    async inCommon(personId: string) {
      const viewerId = await viewer();
      const ids = await listCommonCommunityIds(db, viewerId, personId);
      return { items: await listCommunitySummaries(db, ids, viewerId, now()) };
    },

    async propose(fields: CommunityFields): Promise<CommunityDetail> {
      const actorId = await viewer();
      const communityId = randomUUID();
      await write({ type: 'community.propose', communityId, fields }, actorId);
      return detail(communityId, actorId);
    },
    async update(communityId: string, patch: Partial<CommunityFields>): Promise<CommunityDetail> {
      const actorId = await viewer();
      const { community, me } = await load(communityId, actorId);
      refuse(refuseUpdate(community, me));
      if (Object.keys(patch).length > 0)
        await write({ type: 'community.update', communityId, patch }, actorId);
      return detail(communityId, actorId);
    },
    async archive(communityId: string, archived: boolean): Promise<CommunityDetail> {
      const actorId = await viewer();
      const { community, me } = await load(communityId, actorId);
      refuse(refuseUpdate(community, me));
      if (community?.archived !== archived)
        await write({ type: 'community.archive', communityId, archived }, actorId);
      return detail(communityId, actorId);
    },
    async join(communityId: string): Promise<CommunityDetail> {
      const actorId = await viewer();
      const { community, me } = await load(communityId, actorId);
      refuse(refuseJoin(community, me));
      await write({ type: 'membership.join', communityId }, actorId);
      return detail(communityId, actorId);
    },
    /** Leaving (or withdrawing a request) also unfollows: the community's activity leaves Home. */
    async leave(communityId: string): Promise<CommunityDetail | null> {
      const actorId = await viewer();
      const { community, me } = await load(communityId, actorId);
      refuse(refuseLeave(community, me, await countActiveLeaders(db, communityId)));
      await write(
        [
          // The unfollow first: once a private community is left, the server no longer lets this person see it.
          { type: 'community_pref.put', communityId, patch: { followed: false } },
          { type: 'membership.leave', communityId },
        ],
        actorId,
      );
      // A private community is no longer visible once left.
      return community?.visibility === 'private' ? null : detail(communityId, actorId);
    },
    decideRequest: (communityId: string, personId: string, approve: boolean) =>
      changeMember({ type: 'membership.decide', communityId, personId, approve }),
    setRole: (communityId: string, personId: string, role: CommunityRole) =>
      changeMember({ type: 'membership.setRole', communityId, personId, role }),
    removeMember: (communityId: string, personId: string) =>
      changeMember({ type: 'membership.remove', communityId, personId }),

    async createPost(input: CreatePostInput): Promise<FeedItem> {
      const actorId = await viewer();
      const { communityId, kind, parentId = null, title, body, event } = input;
      const { community, me } = await load(communityId, actorId);
      refuse(refuseCreatePost(community, me, kind));
      const parent = parentId === null ? null : await findPost(db, parentId);
      const missing = { kind: 'post', communityId: '' } as const; // a parent not here: the shape rule names it
      refuse(
        refusePostShape(
          kind,
          { title, body, event },
          parentId === null ? null : (parent ?? missing),
          communityId,
        ),
        'invalid_input',
      );
      const postId = randomUUID();
      await write({ type: 'post.create', postId, communityId, kind, parentId, title, body, event }, actorId);
      return feedItem(postId, actorId);
    },
    async updatePost({ postId, patch }: UpdatePostInput): Promise<FeedItem> {
      const actorId = await viewer();
      const post = await findPost(db, postId);
      const { community, me } = post ? await load(post.communityId, actorId) : { community: null, me: null };
      refuse(refuseEditPost(community, me, post, actorId));
      if (!post) throw new KithError('not_found', 'This post does not exist or is not visible to you');
      const fields = {
        title: patch.title === undefined ? post.title : patch.title,
        body: patch.body ?? post.body,
        event: patch.event === undefined ? post.event : patch.event,
      };
      const parent = post.parentId === null ? null : await findPost(db, post.parentId);
      // An answer whose question was deleted keeps its shape: only the question's kind matters then.
      const parentShape =
        post.parentId === null
          ? null
          : (parent ?? { kind: 'question' as const, communityId: post.communityId });
      refuse(refusePostShape(post.kind, fields, parentShape, post.communityId), 'invalid_input');
      if (Object.keys(patch).length > 0) await write({ type: 'post.update', postId, patch }, actorId);
      return feedItem(postId, actorId);
    },
    async deletePost(postId: string): Promise<{ deleted: boolean }> {
      const actorId = await viewer();
      const post = await findPost(db, postId);
      if (!post) return { deleted: false };
      const { community, me } = await load(post.communityId, actorId);
      refuse(refuseEditPost(community, me, post, actorId));
      await write({ type: 'post.delete', postId }, actorId);
      return { deleted: true };
    },
    async acceptAnswer(questionId: string, answerId: string | null): Promise<PostThread> {
      const actorId = await viewer();
      const question = await findPost(db, questionId);
      const answer = answerId === null ? null : await findPost(db, answerId);
      const { community, me } = question
        ? await load(question.communityId, actorId)
        : { community: null, me: null };
      refuse(refuseAccept(community, me, question, answer, questionId, actorId));
      if (answerId !== null && !answer) throw new KithError('not_found', 'That answer does not exist');
      if (question?.acceptedAnswerId !== answerId)
        await write({ type: 'post.accept', questionId, answerId }, actorId);
      return thread(questionId, actorId);
    },
    async setPrefs(
      communityId: string,
      patch: Partial<Pick<CommunityPrefFields, 'followed' | 'muted'>>,
    ): Promise<MyMembership> {
      const actorId = await viewer();
      if (Object.keys(patch).length > 0) await putPrefs(communityId, patch, actorId);
      return findMyMembership(db, communityId, actorId);
    },
    /** Marks everything up to now read; with nothing new since the marker, nothing is queued. */
    async markRead(communityId: string): Promise<Record<string, never>> {
      const actorId = await viewer();
      const marker = (await findPref(db, communityId))?.lastReadAt ?? 0;
      const newer = await db
        .selectFrom('posts')
        .select('id')
        .where('community_id', '=', communityId)
        .where('created_at', '>', marker)
        .limit(1)
        .executeTakeFirst();
      if (newer || marker === 0) await putPrefs(communityId, { lastReadAt: now() }, actorId);
      return {};
    },
  };
}
export type CommunitiesService = ReturnType<typeof createCommunitiesService>;

export const communitiesHandlers = (communities: CommunitiesService): ContractHandlers['communities'] => ({
  list: (query) => communities.list(query),
  get: ({ communityId }) => communities.get(communityId),
  listMembers: (query) => communities.listMembers(query),
  feed: (query) => communities.feed(query),
  getThread: ({ postId }) => communities.getThread(postId),
  propose: (fields) => communities.propose(fields),
  update: ({ communityId, patch }) => communities.update(communityId, patch),
  archive: ({ communityId, archived }) => communities.archive(communityId, archived),
  join: ({ communityId }) => communities.join(communityId),
  leave: ({ communityId }) => communities.leave(communityId),
  decideRequest: ({ communityId, personId, approve }) =>
    communities.decideRequest(communityId, personId, approve),
  setRole: ({ communityId, personId, role }) => communities.setRole(communityId, personId, role),
  removeMember: ({ communityId, personId }) => communities.removeMember(communityId, personId),
  createPost: (input) => communities.createPost(input),
  updatePost: (input) => communities.updatePost(input),
  deletePost: ({ postId }) => communities.deletePost(postId),
  acceptAnswer: ({ questionId, answerId }) => communities.acceptAnswer(questionId, answerId),
  setPrefs: ({ communityId, patch }) => communities.setPrefs(communityId, patch),
  markRead: ({ communityId }) => communities.markRead(communityId),
  health: ({ communityId }) => communities.health(communityId),
  suggestions: () => communities.suggestions(),
  activity: (query) => communities.activity(query),
  inCommon: ({ personId }) => communities.inCommon(personId),
});
