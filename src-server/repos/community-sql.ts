import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { jsonBool, jsonObject, jsonText, jsonUnlessNull } from './sql-json.ts';

/**
 * The SQL pieces the community repos, the bootstrap and pull share: rows as JSON (keys match the zod
 * schemas of domain/community.ts, so pulls stay one UNION query), and who may read what. The JSON builders
 * use bare column names: a query that joins must not select another table's same name.
 */

/** A communities row as Community JSON. */
export const COMMUNITY_JSON = jsonObject({
  id: 'id',
  name: 'name',
  kind: 'kind',
  purpose: 'purpose',
  objectives: jsonText('objectives'),
  visibility: 'visibility',
  createdBy: 'created_by',
  createdAt: 'created_at',
  archived: jsonBool('archived'),
  updatedAt: 'updated_at',
  managedByDirectory: jsonBool('managed_by_directory'),
});

/** A memberships row as Membership JSON. */
export const MEMBERSHIP_JSON = jsonObject({
  communityId: 'community_id',
  personId: 'person_id',
  role: 'role',
  status: 'status',
  since: 'since',
  joinedAt: 'joined_at',
});

/** A posts row as Post JSON. */
export const POST_JSON = jsonObject({
  id: 'id',
  communityId: 'community_id',
  authorId: 'author_id',
  kind: 'kind',
  parentId: 'parent_id',
  title: 'title',
  body: 'body',
  event: jsonUnlessNull('event_starts_at', jsonObject({ startsAt: 'event_starts_at', place: 'event_place' })),
  acceptedAnswerId: 'accepted_answer_id',
  createdAt: 'created_at',
  editedAt: 'edited_at',
});

/** A community_prefs row as CommunityPref JSON. */
export const COMMUNITY_PREF_JSON = jsonObject({
  communityId: 'community_id',
  followed: jsonBool('followed'),
  muted: jsonBool('muted'),
  lastReadAt: 'last_read_at',
  updatedAt: 'updated_at',
});

/**
 * The viewer sees the community row (the `communities` table in scope): it is not private, or they have a
 * membership in it, a request included (domain/community-rules.ts canSee).
 */
export const seesCommunity = (viewerId: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`(communities.visibility != 'private' or exists (
    select 1 from memberships vm
    where vm.community_id = communities.id and vm.person_id = ${viewerId} and vm.deleted = 0))`;

/** The community whose id the outer query's `communityId` column holds is not private: everyone reads it. */
export const inReadableCommunity = (communityId: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`exists (
    select 1 from communities vc where vc.id = ${sql.ref(communityId)} and vc.visibility != 'private')`;

/**
 * The viewer reads the community's members and posts: it is not private, or they are an active member.
 * `communityId` names the outer query's column holding the community id.
 */
export const readsCommunity = (viewerId: string, communityId: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`(${inReadableCommunity(communityId)} or exists (
    select 1 from memberships vm
    where vm.community_id = ${sql.ref(communityId)} and vm.person_id = ${viewerId}
      and vm.deleted = 0 and vm.status = 'active'))`;
