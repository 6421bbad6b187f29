import type { CommunitiesTable, CommunityPrefsTable, MembershipsTable, PostsTable } from '../db/schema.ts';
import type { Tone } from './post-templates.ts';

/** Rows as the tables hold them, without seq: the seeder takes seqs from the change sequence. */
/** A demo community always has a creator: one of the generated people. */
export type DemoCommunityRow = Omit<CommunitiesTable, 'seq' | 'created_by'> & { created_by: string };
export type DemoMembershipRow = Omit<MembershipsTable, 'seq'>;
export type DemoPostRow = Omit<PostsTable, 'seq'>;
export type DemoCommunityPrefRow = Omit<CommunityPrefsTable, 'seq'>;

/**
 * How a community's life went: thriving ones grow and answer fast, declining ones fade, dormant ones went
 * quiet months ago, a new one just started.
 */
export type Activity = 'thriving' | 'steady' | 'declining' | 'dormant' | 'new';

export interface PlannedMember {
  personId: string;
  role: 'leader' | 'moderator' | 'member';
  joinedAt: number;
  /** How keen a poster they are, in (0, 1]: most members mostly read. */
  keenness: number;
}

/** A community before its posts: its row, its life and its active members. */
export interface CommunityPlan {
  row: DemoCommunityRow;
  activity: Activity;
  tone: Tone;
  topics: readonly string[];
  /** The city of a per-site community; its events happen there. */
  site: string | null;
  /** Active members, earliest first. */
  members: PlannedMember[];
  /** Nothing is posted after this (dormant ones stopped; the others run to now). */
  quietFrom: number;
}
