import { z } from 'zod';
import { CommunityId, CommunityKind } from './community.ts';
import { ConnectionKind } from './connection.ts';
import { Person, PersonSummary } from './person.ts';

/** How far the ego network reaches: 1 = you and the people you know; 2 = also the people they know. */
export const GraphDepth = z.union([z.literal(1), z.literal(2)]);
export type GraphDepth = z.infer<typeof GraphDepth>;

export const EgoGraphQuery = z.strictObject({ depth: GraphDepth.default(1) });
export type EgoGraphQuery = z.input<typeof EgoGraphQuery>;

/** A node's id in the graph: a person's id, or `community:<id>` for a community. */
export const GraphNodeId = z.string().min(1).max(80);

export const GraphPosition = z.object({ x: z.number().finite(), y: z.number().finite() });
export type GraphPosition = z.infer<typeof GraphPosition>;

export const GraphPersonNode = z.object({
  type: z.literal('person'),
  id: GraphNodeId,
  person: PersonSummary,
  /** 0: you; 1: someone you know (a connection, your manager, a report); 2: someone they know. */
  depth: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  /** Where the last layout left it; null: never laid out on this computer. */
  position: GraphPosition.nullable(),
});

export const GraphCommunityNode = z.object({
  type: z.literal('community'),
  id: GraphNodeId,
  communityId: CommunityId,
  name: z.string(),
  kind: CommunityKind,
  memberCount: z.number().int().min(0),
  position: GraphPosition.nullable(),
});

export const GraphNode = z.discriminatedUnion('type', [GraphPersonNode, GraphCommunityNode]);
export type GraphNode = z.infer<typeof GraphNode>;
export type GraphPersonNode = z.infer<typeof GraphPersonNode>;
export type GraphCommunityNode = z.infer<typeof GraphCommunityNode>;

/**
 * connection: yours (source is you); shared: someone else's shared connection (source is its owner);
 * reports_to: source's manager is target; member: source person is an active member of target community.
 */
export const GRAPH_EDGE_TYPES = ['connection', 'shared', 'reports_to', 'member'] as const;
export const GraphEdgeType = z.enum(GRAPH_EDGE_TYPES);
export type GraphEdgeType = z.infer<typeof GraphEdgeType>;

export const GraphEdge = z.object({
  type: GraphEdgeType,
  source: GraphNodeId,
  target: GraphNodeId,
  /** 1–5; for reporting lines and memberships, the tie strength paths assume. */
  strength: z.number().int().min(1).max(5),
  /** The connection's kinds; empty for reporting lines and memberships. */
  kinds: z.array(ConnectionKind),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export const EgoGraph = z.object({
  /** The signed-in person's id: the ego. */
  egoId: Person.shape.id,
  depth: GraphDepth,
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  /** True when the second degree had more people than the graph shows (the closest are kept). */
  truncated: z.boolean(),
});
export type EgoGraph = z.infer<typeof EgoGraph>;

export const SaveLayoutInput = z.strictObject({
  positions: z
    .array(z.strictObject({ id: GraphNodeId, x: z.number().finite(), y: z.number().finite() }))
    .max(20_000, 'At most 20,000 positions at once'),
});
export type SaveLayoutInput = z.infer<typeof SaveLayoutInput>;

/** One step of an introduction path: the tie that leads to `person`. */
export const IntroStep = z.object({
  person: PersonSummary,
  /** How the previous person on the path knows this one. */
  via: z.enum(['connection', 'shared', 'reports_to', 'manages', 'community']),
  /** For `community`: the community both belong to. */
  communityName: z.string().nullable(),
  strength: z.number().int().min(1).max(5),
});
export type IntroStep = z.infer<typeof IntroStep>;

export const IntroPath = z.object({
  /** Who to ask: the first person on the path after you. */
  ask: PersonSummary,
  /** From the first person after you to the target, in order. */
  steps: z.array(IntroStep).min(1),
  /** The product of each tie's strength / 5: 1 is the best possible. */
  score: z.number().min(0).max(1),
});
export type IntroPath = z.infer<typeof IntroPath>;

export const Introductions = z.object({
  target: PersonSummary,
  /** Already one of your connections (no introduction needed). */
  direct: z.boolean(),
  /** The best paths, at most 3, each through a different first person. */
  paths: z.array(IntroPath).max(3),
});
export type Introductions = z.infer<typeof Introductions>;

export const ReachCount = z.object({
  value: z.string(),
  /** People you know directly there. */
  known: z.number().int().min(0),
  /** Active people in the org there. */
  total: z.number().int().min(0),
});
export type ReachCount = z.infer<typeof ReachCount>;

export const Bridge = z.object({
  person: PersonSummary,
  /** Departments this person's shared connections reach that none of yours do. */
  reaches: z.array(z.string()),
  /** How many people in those departments they know. */
  reachCount: z.number().int().min(0),
});
export type Bridge = z.infer<typeof Bridge>;

export const PersonToMeet = z.object({
  person: PersonSummary,
  sharedSkills: z.array(z.string()),
  sharedCommunities: z.array(z.string()),
  /** Why, in words ("Shares Kubernetes and Go; both in Platform Guild; in Finance, where you know no one"). */
  reason: z.string(),
});
export type PersonToMeet = z.infer<typeof PersonToMeet>;

export const NetworkInsights = z.object({
  /** Your direct connections, counted by department and by site, with the org's size there. */
  byDepartment: z.array(ReachCount),
  bySite: z.array(ReachCount),
  bridges: z.array(Bridge).max(20),
  peopleToMeet: z.array(PersonToMeet).max(20),
});
export type NetworkInsights = z.infer<typeof NetworkInsights>;

export const GRAPH_EXPORT_FORMATS = ['png', 'gexf', 'graphml'] as const;
export const GraphExportFormat = z.enum(GRAPH_EXPORT_FORMATS);
export type GraphExportFormat = z.infer<typeof GraphExportFormat>;

export const SaveGraphExportInput = z.strictObject({
  format: GraphExportFormat,
  /** PNG: base64 of the image; GEXF and GraphML: the XML text. */
  data: z.string().min(1).max(40_000_000, 'The export is larger than 30 MB'),
});
export type SaveGraphExportInput = z.infer<typeof SaveGraphExportInput>;

/** Where an export was written; null: the person cancelled. */
export const SavedFile = z.object({ path: z.string() }).nullable();
export type SavedFile = z.infer<typeof SavedFile>;
