import { POST_KIND_LABELS, type PostKind } from '#shared/domain/community';
import type { ReadDb } from '#shared/node/open-database';
import type { CommunityMutation } from '#shared/wire/push';
import type { LocalDb } from '../store/local-db.ts';
import { findPersonName } from '../store/people.repo.ts';
import { toCommunityMutation } from '../sync/outbox.repo.ts';
import type { PushHandler } from '../sync/push-handler.ts';
import { rollBackCommunityWrites } from './apply-community-changes.ts';

/** A title, or the start of a body, short enough for a list line. */
function excerpt(text: string, max = 60) {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * What a refused community write was, in words a person recognizes ("Question “…” in Kubernetes Guild"),
 * read from the cache before the write is undone.
 */
async function describeCommunityWrite(db: ReadDb<LocalDb>, m: CommunityMutation): Promise<string> {
  const communityName = async (id: string) =>
    (await db.selectFrom('communities').select('name').where('id', '=', id).executeTakeFirst())?.name ??
    'a community';
  const personName = (id: string) => findPersonName(db, id);
  const postLabel = async (id: string) => {
    const post = await db
      .selectFrom('posts')
      .select(['kind', 'title', 'body', 'community_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!post) return 'a post';
    const kind = POST_KIND_LABELS[post.kind as PostKind] ?? 'Post';
    return `${kind} “${excerpt(post.title || post.body)}” in ${await communityName(post.community_id)}`;
  };
  switch (m.type) {
    case 'community.propose':
      return `New community “${m.fields.name}”`;
    case 'community.update':
      return `Changes to ${await communityName(m.communityId)}`;
    case 'community.archive':
      return `${m.archived ? 'Archiving' : 'Restoring'} ${await communityName(m.communityId)}`;
    case 'membership.join':
      return `Joining ${await communityName(m.communityId)}`;
    case 'membership.leave':
      return `Leaving ${await communityName(m.communityId)}`;
    case 'membership.decide':
      return `${m.approve ? 'Approving' : 'Declining'} ${await personName(m.personId)}’s request to join ${await communityName(m.communityId)}`;
    case 'membership.setRole':
      return `${await personName(m.personId)} as ${m.role} of ${await communityName(m.communityId)}`;
    case 'membership.remove':
      return `Removing ${await personName(m.personId)} from ${await communityName(m.communityId)}`;
    case 'post.create':
      return `${POST_KIND_LABELS[m.kind]} “${excerpt(m.title || m.body)}” in ${await communityName(m.communityId)}`;
    case 'post.update':
      return `Edit of ${await postLabel(m.postId)}`;
    case 'post.delete':
      return `Deleting ${await postLabel(m.postId)}`;
    case 'post.accept':
      return `Accepted answer of ${await postLabel(m.questionId)}`;
    case 'community_pref.put':
      return `Follow settings of ${await communityName(m.communityId)}`;
  }
}

/** A refused community write is undone by rebuilding the rows it wrote from the server's version. */
export const communityPush: PushHandler = {
  describe: (db, row) => describeCommunityWrite(db, toCommunityMutation(row)),
  async rollBack(trx, rejected) {
    const writes = rejected.map((row) => ({ mutation: toCommunityMutation(row), actorId: row.person_id }));
    await rollBackCommunityWrites(trx, writes);
    return rejected.length;
  },
};
