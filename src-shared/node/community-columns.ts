import type {
  Community,
  CommunityKind,
  CommunityPref,
  CommunityRole,
  CommunityVisibility,
  Membership,
  MembershipStatus,
  Post,
  PostKind,
} from '../domain/community.ts';

/*
 * How communities, memberships, posts and community preferences are stored in SQLite rows, on the server
 * and in the local cache alike. Each schema adds its own bookkeeping (seq, tombstones, owner) on top; the
 * migrations stay separate, as the two databases evolve apart.
 */

export interface CommunityColumns {
  id: string;
  name: string;
  kind: string;
  purpose: string;
  /** JSON array of strings. */
  objectives: string;
  visibility: string;
  /** Null for a team the directory created. */
  created_by: string | null;
  created_at: number;
  archived: 0 | 1;
  updated_at: number;
  /** 0 | 1: membership managed by the company's directory (a SCIM Group). */
  managed_by_directory: 0 | 1;
}

export interface MembershipColumns {
  community_id: string;
  person_id: string;
  role: string;
  /** active | requested */
  status: string;
  since: number;
  joined_at: number | null;
}

export interface PostColumns {
  id: string;
  community_id: string;
  author_id: string;
  kind: string;
  parent_id: string | null;
  title: string | null;
  body: string;
  /** Both set for an event, both null otherwise. */
  event_starts_at: number | null;
  event_place: string | null;
  accepted_answer_id: string | null;
  created_at: number;
  edited_at: number | null;
}

/** One person's follow / mute / read marker for one community. */
export interface CommunityPrefColumns {
  community_id: string;
  followed: 0 | 1;
  muted: 0 | 1;
  last_read_at: number;
  updated_at: number;
}

export function toCommunityColumns(community: Community): CommunityColumns {
  return {
    id: community.id,
    name: community.name,
    kind: community.kind,
    purpose: community.purpose,
    objectives: JSON.stringify(community.objectives),
    visibility: community.visibility,
    created_by: community.createdBy,
    created_at: community.createdAt,
    archived: community.archived ? 1 : 0,
    updated_at: community.updatedAt,
    managed_by_directory: community.managedByDirectory ? 1 : 0,
  };
}

export function fromCommunityColumns(row: CommunityColumns): Community {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CommunityKind,
    purpose: row.purpose,
    objectives: JSON.parse(row.objectives) as string[],
    visibility: row.visibility as CommunityVisibility,
    createdBy: row.created_by,
    createdAt: row.created_at,
    archived: row.archived === 1,
    updatedAt: row.updated_at,
    managedByDirectory: row.managed_by_directory === 1,
  };
}

export function toMembershipColumns(membership: Membership): MembershipColumns {
  return {
    community_id: membership.communityId,
    person_id: membership.personId,
    role: membership.role,
    status: membership.status,
    since: membership.since,
    joined_at: membership.joinedAt,
  };
}

export function fromMembershipColumns(row: MembershipColumns): Membership {
  return {
    communityId: row.community_id,
    personId: row.person_id,
    role: row.role as CommunityRole,
    status: row.status as MembershipStatus,
    since: row.since,
    joinedAt: row.joined_at,
  };
}

export function toPostColumns(post: Post): PostColumns {
  return {
    id: post.id,
    community_id: post.communityId,
    author_id: post.authorId,
    kind: post.kind,
    parent_id: post.parentId,
    title: post.title,
    body: post.body,
    event_starts_at: post.event?.startsAt ?? null,
    event_place: post.event?.place ?? null,
    accepted_answer_id: post.acceptedAnswerId,
    created_at: post.createdAt,
    edited_at: post.editedAt,
  };
}

export function fromPostColumns(row: PostColumns): Post {
  return {
    id: row.id,
    communityId: row.community_id,
    authorId: row.author_id,
    kind: row.kind as PostKind,
    parentId: row.parent_id,
    title: row.title,
    body: row.body,
    event:
      row.event_starts_at === null || row.event_place === null
        ? null
        : { startsAt: row.event_starts_at, place: row.event_place },
    acceptedAnswerId: row.accepted_answer_id,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

export function toCommunityPrefColumns(pref: CommunityPref): CommunityPrefColumns {
  return {
    community_id: pref.communityId,
    followed: pref.followed ? 1 : 0,
    muted: pref.muted ? 1 : 0,
    last_read_at: pref.lastReadAt,
    updated_at: pref.updatedAt,
  };
}

export function fromCommunityPrefColumns(row: CommunityPrefColumns): CommunityPref {
  return {
    communityId: row.community_id,
    followed: row.followed === 1,
    muted: row.muted === 1,
    lastReadAt: row.last_read_at,
    updatedAt: row.updated_at,
  };
}
