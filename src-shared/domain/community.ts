import { z } from 'zod';
import { Person, PersonSummary } from './person.ts';

export const COMMUNITY_KINDS = [
  'community_of_practice',
  'microcommunity',
  'interest_group',
  'change_network',
  'team',
] as const;
export const CommunityKind = z.enum(COMMUNITY_KINDS);
export type CommunityKind = z.infer<typeof CommunityKind>;

/**
 * open: anyone joins, everyone reads. request: everyone reads, a leader approves who joins. private: only
 * members see it (its posts and members); leaders add people.
 */
export const COMMUNITY_VISIBILITIES = ['open', 'request', 'private'] as const;
export const CommunityVisibility = z.enum(COMMUNITY_VISIBILITIES);
export type CommunityVisibility = z.infer<typeof CommunityVisibility>;

/** Each role can do everything the ones after it can. */
export const COMMUNITY_ROLES = ['leader', 'moderator', 'member'] as const;
export const CommunityRole = z.enum(COMMUNITY_ROLES);
export type CommunityRole = z.infer<typeof CommunityRole>;

export const POST_KINDS = [
  'post',
  'question',
  'answer',
  'event',
  'announcement',
  'best_practice',
  'job_opening',
] as const;
export const PostKind = z.enum(POST_KINDS);
export type PostKind = z.infer<typeof PostKind>;

/** How each kind of post reads, in the app and in a refused write's description. */
export const POST_KIND_LABELS: Record<PostKind, string> = {
  post: 'Post',
  question: 'Question',
  answer: 'Answer',
  event: 'Event',
  announcement: 'Announcement',
  best_practice: 'Best practice',
  job_opening: 'Job opening',
};

export const CommunityId = z.uuid();
export const PostId = z.uuid();
const Timestamp = z.number().int().min(0);

export const COMMUNITY_NAME_MAX = 80;
export const COMMUNITY_PURPOSE_MAX = 2000;
export const OBJECTIVES_MAX = 10;
export const OBJECTIVE_MAX = 300;
export const POST_TITLE_MAX = 200;
/** A post's markdown: generous for a write-up, bounded so one post cannot flood every member's cache. */
export const POST_BODY_MAX = 20_000;
export const EVENT_PLACE_MAX = 200;

/** What a leader writes about a community; each field can be edited on its own. */
export const CommunityFields = z.object({
  name: z
    .string()
    .trim()
    .min(3, 'A community name has at least 3 characters')
    .max(COMMUNITY_NAME_MAX, `A community name has at most ${COMMUNITY_NAME_MAX} characters`),
  kind: CommunityKind,
  purpose: z
    .string()
    .trim()
    .min(1, 'Say what the community is for')
    .max(COMMUNITY_PURPOSE_MAX, `A purpose has at most ${COMMUNITY_PURPOSE_MAX} characters`),
  objectives: z
    .array(
      z.string().trim().min(1).max(OBJECTIVE_MAX, `An objective has at most ${OBJECTIVE_MAX} characters`),
    )
    .max(OBJECTIVES_MAX, `At most ${OBJECTIVES_MAX} objectives`),
  visibility: CommunityVisibility,
});
export type CommunityFields = z.infer<typeof CommunityFields>;

/** Org data: a community as every employee who may see it sees it (private ones: members only). */
export const Community = CommunityFields.extend({
  /** A directory's team keeps the directory's name, however short ("HR"); people propose 3 characters or more. */
  name: z.string().trim().min(1).max(COMMUNITY_NAME_MAX),
  id: CommunityId,
  /** Null for a team the directory created (managedByDirectory). */
  createdBy: Person.shape.id.nullable(),
  createdAt: Timestamp,
  archived: z.boolean(),
  updatedAt: Timestamp,
  /**
   * A team whose membership the company's directory (a SCIM Group) manages: no one joins, leaves, is added
   * or removed, or edits it in Kith. Missing in a cache or server written before it existed: false.
   */
  managedByDirectory: z.boolean().default(false),
});
export type Community = z.infer<typeof Community>;

/** active: a member in the role; requested: waiting for a leader of a 'request' community (role member). */
export const MembershipStatus = z.enum(['active', 'requested']);
export type MembershipStatus = z.infer<typeof MembershipStatus>;

export const Membership = z.object({
  communityId: CommunityId,
  personId: Person.shape.id,
  role: CommunityRole,
  status: MembershipStatus,
  /** When the request was made, or the person joined or was added. */
  since: Timestamp,
  /** When the membership became active; null while requested. */
  joinedAt: Timestamp.nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const PostEvent = z.strictObject({
  startsAt: Timestamp,
  place: z.string().trim().min(1, 'Say where the event takes place').max(EVENT_PLACE_MAX),
});
export type PostEvent = z.infer<typeof PostEvent>;

/** What an author writes; kind and parent are fixed once posted. */
export const PostFields = z.object({
  /** Required for questions, events and job openings; none on answers. */
  title: z.string().trim().max(POST_TITLE_MAX, `A title has at most ${POST_TITLE_MAX} characters`).nullable(),
  /** Markdown, rendered without raw HTML. */
  body: z.string().max(POST_BODY_MAX, `A post has at most ${POST_BODY_MAX.toLocaleString('en')} characters`),
  /** Set exactly on events. */
  event: PostEvent.nullable(),
});
export type PostFields = z.infer<typeof PostFields>;

/** Org data: a post in a community; a deleted one travels as a delete. */
export const Post = PostFields.extend({
  id: PostId,
  communityId: CommunityId,
  authorId: Person.shape.id,
  kind: PostKind,
  /** The question an answer answers; null otherwise. */
  parentId: PostId.nullable(),
  /** On a question: its accepted answer. */
  acceptedAnswerId: PostId.nullable(),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
});
export type Post = z.infer<typeof Post>;

/** Personal data (owner-only): how one person follows one community. Last writer per field wins. */
export const CommunityPrefFields = z.object({
  followed: z.boolean(),
  muted: z.boolean(),
  /** Items created at or before this are read (ms since epoch); 0: nothing read. */
  lastReadAt: Timestamp,
});
export type CommunityPrefFields = z.infer<typeof CommunityPrefFields>;

export const CommunityPref = CommunityPrefFields.extend({ communityId: CommunityId, updatedAt: Timestamp });
export type CommunityPref = z.infer<typeof CommunityPref>;

export const NEW_COMMUNITY_PREF: CommunityPrefFields = { followed: false, muted: false, lastReadAt: 0 };

// ——— What the renderer reads ———

/** The viewer's relation to a community. */
export const MyMembership = z.object({
  role: CommunityRole.nullable(),
  status: MembershipStatus.nullable(),
  followed: z.boolean(),
  muted: z.boolean(),
});
export type MyMembership = z.infer<typeof MyMembership>;

/** A card in Communities (mine / discover). */
export const CommunitySummary = z.object({
  community: Community,
  memberCount: z.number().int().min(0),
  /** Posts (answers included) in the last 28 days. */
  recentPosts: z.number().int().min(0),
  lastActivityAt: Timestamp.nullable(),
  unread: z.number().int().min(0),
  me: MyMembership,
  /** A write of the viewer's about it is queued for the server. */
  pending: z.boolean(),
});
export type CommunitySummary = z.infer<typeof CommunitySummary>;

export const CommunityListQuery = z.strictObject({
  scope: z.enum(['mine', 'discover', 'all']).default('all'),
  kind: CommunityKind.optional(),
  text: z.string().trim().max(200).optional(),
  includeArchived: z.boolean().default(false),
});
export type CommunityListQuery = z.input<typeof CommunityListQuery>;

/** A membership as a member list shows it: the person in place of their id. */
export const CommunityMember = z.object({
  person: PersonSummary,
  ...Membership.pick({ role: true, status: true, since: true, joinedAt: true }).shape,
});
export type CommunityMember = z.infer<typeof CommunityMember>;

/** A community page's header: the community, its leaders, and what the viewer may do there. */
export const CommunityDetail = z.object({
  community: Community,
  leaders: z.array(PersonSummary),
  moderators: z.array(PersonSummary),
  memberCount: z.number().int().min(0),
  /** Join requests waiting for a leader; shown to leaders only (empty otherwise). */
  requests: z.array(CommunityMember),
  me: MyMembership,
  pending: z.boolean(),
});
export type CommunityDetail = z.infer<typeof CommunityDetail>;

export const MembersQuery = z.strictObject({
  communityId: CommunityId,
  text: z.string().trim().max(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});
export type MembersQuery = z.input<typeof MembersQuery>;

export const MembersPage = z.object({ items: z.array(CommunityMember), total: z.number().int().min(0) });
export type MembersPage = z.infer<typeof MembersPage>;

/** A post as a feed shows it: its author, its answers' count, whether it is unread or still queued. */
export const FeedItem = z.object({
  post: Post,
  author: PersonSummary.nullable(),
  answerCount: z.number().int().min(0),
  unread: z.boolean(),
  /** Written here and not yet accepted by the server. */
  pending: z.boolean(),
});
export type FeedItem = z.infer<typeof FeedItem>;

/** A page of a community's feed, newest first (answers live under their question). */
export const FeedQuery = z.strictObject({
  communityId: CommunityId,
  kind: PostKind.exclude(['answer']).optional(),
  /** The next page: the `next` of the previous one. */
  before: z.object({ createdAt: Timestamp, id: PostId }).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type FeedQuery = z.input<typeof FeedQuery>;

export const FeedPage = z.object({
  items: z.array(FeedItem),
  next: z.object({ createdAt: Timestamp, id: PostId }).nullable(),
});
export type FeedPage = z.infer<typeof FeedPage>;

/** A question or any post with its answers (oldest first, the accepted one marked on the question). */
export const PostThread = z.object({ item: FeedItem, answers: z.array(FeedItem) });
export type PostThread = z.infer<typeof PostThread>;

export const ProposeCommunityInput = CommunityFields.strict();
export type ProposeCommunityInput = z.infer<typeof ProposeCommunityInput>;

export const UpdateCommunityInput = z.strictObject({
  communityId: CommunityId,
  patch: CommunityFields.partial().strict(),
});
export type UpdateCommunityInput = z.infer<typeof UpdateCommunityInput>;

export const CreatePostInput = PostFields.extend({
  communityId: CommunityId,
  kind: PostKind,
  parentId: PostId.nullable().default(null),
}).strict();
export type CreatePostInput = z.input<typeof CreatePostInput>;

export const UpdatePostInput = z.strictObject({ postId: PostId, patch: PostFields.partial().strict() });
export type UpdatePostInput = z.infer<typeof UpdatePostInput>;

// ——— Health ———

export const HealthMonth = z.object({
  /** YYYY-MM */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  /** Distinct members who posted or answered in the month. */
  activeMembers: z.number().int().min(0),
  posts: z.number().int().min(0),
  postsPerWeek: z.number().min(0),
  questions: z.number().int().min(0),
  /** Of the month's questions, the share with at least one answer (null: no questions). */
  answeredShare: z.number().min(0).max(1).nullable(),
  /** Median hours from a question of the month to its first answer (null: none answered). */
  medianHoursToFirstAnswer: z.number().min(0).nullable(),
  newMembers: z.number().int().min(0),
  /** Members at the end of the month. */
  members: z.number().int().min(0),
});
export type HealthMonth = z.infer<typeof HealthMonth>;

/** A community's health from the local cache, for leaders and members. */
export const CommunityHealth = z.object({
  communityId: CommunityId,
  /** When it was computed (ms): the 28-day window ends here. */
  asOf: Timestamp,
  /** Members who posted or answered in the last 28 days. */
  activeMembers28d: z.number().int().min(0),
  /** Posts (answers included) per week over the last 28 days. */
  postsPerWeek28d: z.number().min(0),
  /** Questions of the last 90 days with at least one answer, as a share (null: none asked). */
  answeredShare90d: z.number().min(0).max(1).nullable(),
  /** Median hours to a first answer over the questions of the last 90 days that got one. */
  medianHoursToFirstAnswer90d: z.number().min(0).nullable(),
  newMembers28d: z.number().int().min(0),
  members: z.number().int().min(0),
  /** Distinct departments and sites among active members. */
  reach: z.object({
    departments: z.number().int().min(0),
    sites: z.number().int().min(0),
    topDepartments: z.array(z.object({ name: z.string(), members: z.number().int().min(0) })),
  }),
  /** The last 12 calendar months, oldest first, the current one last (partial). */
  months: z.array(HealthMonth),
});
export type CommunityHealth = z.infer<typeof CommunityHealth>;

// ——— Suggestions, Home, Person page ———

export const SuggestionReason = z.discriminatedUnion('type', [
  z.object({ type: z.literal('skills'), skills: z.array(z.string()) }),
  z.object({ type: z.literal('department_peers'), department: z.string(), count: z.number().int().min(1) }),
  z.object({
    type: z.literal('connections'),
    count: z.number().int().min(1),
    /** Up to three of them, strongest first. */
    people: z.array(PersonSummary),
  }),
]);
export type SuggestionReason = z.infer<typeof SuggestionReason>;

export const CommunitySuggestion = z.object({
  summary: CommunitySummary,
  score: z.number(),
  /** Why it is suggested, strongest reason first; never empty. */
  reasons: z.array(SuggestionReason).min(1),
});
export type CommunitySuggestion = z.infer<typeof CommunitySuggestion>;

/** New activity in followed communities, newest first, with unread markers. */
export const ActivityItem = z.object({
  item: FeedItem,
  community: Community.pick({ id: true, name: true, kind: true }),
});
export type ActivityItem = z.infer<typeof ActivityItem>;

export const HomeActivity = z.object({
  items: z.array(ActivityItem),
  unreadTotal: z.number().int().min(0),
  /** Per followed community with unread items. */
  unreadByCommunity: z.array(
    z.object({ communityId: CommunityId, name: z.string(), unread: z.number().int().min(1) }),
  ),
});
export type HomeActivity = z.infer<typeof HomeActivity>;

export const ActivityQuery = z.strictObject({
  limit: z.number().int().min(1).max(200).default(50),
  unreadOnly: z.boolean().default(false),
});
export type ActivityQuery = z.input<typeof ActivityQuery>;
