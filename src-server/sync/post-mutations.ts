import type { Post, PostFields } from '#shared/domain/community';
import {
  refuseAccept,
  refuseCreatePost,
  refuseEditPost,
  refusePostShape,
} from '#shared/domain/community-rules';
import type { CommunityMutation } from '#shared/wire/push';
import { findPost, findStoredPost, writePost } from '../repos/posts.repo.ts';
import { loadCommunity, type MutationContext } from './community-state.ts';

export type PostMutation = Extract<CommunityMutation, { type: `post.${string}` }>;

export const isPostMutation = (m: CommunityMutation): m is PostMutation => m.type.startsWith('post.');

export const POST_EXISTS = 'A post with this id already exists';
export const ANSWER_NOT_FOUND = 'That answer does not exist';

/** A parent that is not there: in no community, so the shape rule refuses it whatever the kind. */
const MISSING = { kind: 'post', communityId: '' } as const;

/** Applies one post mutation in the caller's transaction; returns the reason of a refusal, or null. */
export async function applyPostMutation(ctx: MutationContext, m: PostMutation): Promise<string | null> {
  switch (m.type) {
    case 'post.create':
      return createPost(ctx, m);
    case 'post.update':
    case 'post.delete':
      return editPost(ctx, m);
    case 'post.accept':
      return acceptAnswer(ctx, m);
  }
}

async function createPost(
  { trx, actorId, now }: MutationContext,
  m: Extract<PostMutation, { type: 'post.create' }>,
): Promise<string | null> {
  const { community, me } = await loadCommunity(trx, m.communityId, actorId);
  const refusal = refuseCreatePost(community, me, m.kind);
  if (refusal) return refusal;
  if (await findStoredPost(trx, m.postId)) return POST_EXISTS;
  const fields: PostFields = { title: m.title, body: m.body, event: m.event };
  const parent = m.parentId === null ? null : ((await findPost(trx, m.parentId)) ?? null);
  // A parent id that names nothing live is still given: the shape rule then says what is wrong with it.
  const shape = refusePostShape(
    m.kind,
    fields,
    m.parentId === null ? null : (parent ?? MISSING),
    m.communityId,
  );
  if (shape) return shape;
  await writePost(trx, {
    id: m.postId,
    communityId: m.communityId,
    authorId: actorId,
    kind: m.kind,
    parentId: m.parentId,
    ...fields,
    acceptedAnswerId: null,
    createdAt: now,
    editedAt: null,
    deleted: false,
  });
  return null;
}

/** Edit or delete: the author (still a member) or a moderator. */
async function editPost(
  { trx, actorId, now }: MutationContext,
  m: Extract<PostMutation, { type: 'post.update' | 'post.delete' }>,
): Promise<string | null> {
  const post = await findPost(trx, m.postId);
  const { community, me } = post
    ? await loadCommunity(trx, post.communityId, actorId)
    : { community: null, me: null };
  const refusal = refuseEditPost(community, me, post ?? null, actorId);
  if (refusal || !post) return refusal;
  if (m.type === 'post.delete') {
    // Answers outlive a deleted question; a deleted answer is no longer its question's accepted one.
    await writePost(trx, { ...post, deleted: true });
    await clearAccepted(trx, post);
    return null;
  }
  const fields: PostFields = {
    title: m.patch.title === undefined ? post.title : m.patch.title,
    body: m.patch.body ?? post.body,
    event: m.patch.event === undefined ? post.event : m.patch.event,
  };
  // The question of an answer may since have been deleted: its tombstone still says what it was.
  const parent = post.parentId === null ? null : ((await findStoredPost(trx, post.parentId)) ?? null);
  const shape = refusePostShape(post.kind, fields, parent, post.communityId);
  if (shape) return shape;
  await writePost(trx, { ...post, ...fields, editedAt: now, deleted: false });
  return null;
}

async function clearAccepted(trx: MutationContext['trx'], answer: Post) {
  if (answer.kind !== 'answer' || answer.parentId === null) return;
  const question = await findPost(trx, answer.parentId);
  if (question?.acceptedAnswerId === answer.id) {
    await writePost(trx, { ...question, acceptedAnswerId: null, deleted: false });
  }
}

async function acceptAnswer(
  { trx, actorId }: MutationContext,
  m: Extract<PostMutation, { type: 'post.accept' }>,
): Promise<string | null> {
  const question = await findPost(trx, m.questionId);
  const { community, me } = question
    ? await loadCommunity(trx, question.communityId, actorId)
    : { community: null, me: null };
  const answer = m.answerId === null ? null : ((await findPost(trx, m.answerId)) ?? null);
  const refusal = refuseAccept(community, me, question ?? null, answer, m.questionId, actorId);
  if (refusal || !question) return refusal;
  if (m.answerId !== null && !answer) return ANSWER_NOT_FOUND;
  await writePost(trx, { ...question, acceptedAnswerId: m.answerId, deleted: false });
  return null;
}
