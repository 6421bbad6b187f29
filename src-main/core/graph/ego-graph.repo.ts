import { sql } from 'kysely';
import type { ConnectionKind } from '#shared/domain/connection';
import type { EgoGraph, GraphDepth, GraphEdge, GraphNode, GraphPosition } from '#shared/domain/graph';
import type { CommunityKind } from '#shared/domain/community';
import type { RawReadDb } from '#shared/node/open-database';
import { findPersonSummaries } from '../directory/directory.repo.ts';
import { jsonIds } from '../store/json-ids.ts';
import type { LocalDb } from '../store/local-db.ts';
import { COMMUNITY_NODE_PREFIX, REPORTING_LINE_STRENGTH, MEMBERSHIP_STRENGTH } from './tie-strength.ts';

/** The second degree is capped: beyond this many people a graph is a hairball, not a map. */
export const MAX_SECOND_DEGREE = 1500;
/** At depth 2, a community joins the graph when this many of the people you know belong to it. */
const SHARED_COMMUNITY_MIN_MEMBERS = 3;
const MAX_COMMUNITIES = 40;

interface Tie {
  source: string;
  target: string;
  strength: number;
}

/**
 * The ego network of `egoId` from the local cache. Depth 1: you, your connections, your manager and your
 * reports. Depth 2: also the people they know through their shared connections, and their managers (the
 * closest MAX_SECOND_DEGREE, by ties into the first degree). Edges: every connection, shared connection and
 * reporting line among those people; your communities (at depth 2 also those several of your people share)
 * with their members among them.
 */
export async function extractEgoGraph(
  db: RawReadDb<LocalDb>,
  egoId: string,
  depth: GraphDepth,
): Promise<EgoGraph> {
  const mine = await db.selectFrom('connections').select(['person_id', 'strength', 'kinds']).execute();
  const ego = await db.selectFrom('people').select('manager_id').where('id', '=', egoId).executeTakeFirst();
  const reports = await db.selectFrom('people').select('id').where('manager_id', '=', egoId).execute();

  const first = new Set<string>(mine.map((c) => c.person_id));
  if (ego?.manager_id) first.add(ego.manager_id);
  for (const r of reports) first.add(r.id);
  first.delete(egoId);

  const second = depth === 2 ? await findSecondDegree(db, egoId, first) : { people: [], truncated: false };
  const depthOf = new Map<string, 0 | 1 | 2>([[egoId, 0]]);
  for (const id of first) depthOf.set(id, 1);
  for (const id of second.people) if (!depthOf.has(id)) depthOf.set(id, 2);
  const everyone = [...depthOf.keys()];

  const [people, shared, reportingLines, communities] = await Promise.all([
    findPersonSummaries(db, everyone),
    db
      .selectFrom('shared_connections')
      .select(['owner_id as source', 'person_id as target', 'strength', 'kinds'])
      .where(sql<boolean>`owner_id in ${jsonIds(everyone)}`)
      // Unary + keeps SQLite from probing (person, owner) for every pair of the two sets: one range per owner.
      .where(sql<boolean>`+person_id in ${jsonIds(everyone)}`)
      .where('owner_id', '!=', egoId)
      .execute(),
    db
      .selectFrom('people')
      .select(['id as source', 'manager_id as target'])
      .where(sql<boolean>`id in ${jsonIds(everyone)}`)
      .where(sql<boolean>`manager_id in ${jsonIds(everyone)}`)
      .execute(),
    findCommunities(db, egoId, depth === 2 ? first : new Set()),
  ]);
  const present = new Set(people.keys());
  const members = communities.length
    ? await db
        .selectFrom('memberships')
        .select(['person_id', 'community_id'])
        .where('status', '=', 'active')
        .where(
          'community_id',
          'in',
          communities.map((c) => c.id),
        )
        .where(sql<boolean>`person_id in ${jsonIds(present)}`)
        .execute()
    : [];

  const positions = await readPositions(db, [
    ...present,
    ...communities.map((c) => COMMUNITY_NODE_PREFIX + c.id),
  ]);
  const nodes: GraphNode[] = [...people.values()].map((p) => ({
    type: 'person',
    id: p.id,
    person: p,
    depth: depthOf.get(p.id) ?? 2,
    position: positions.get(p.id) ?? null,
  }));
  for (const c of communities) {
    const id = COMMUNITY_NODE_PREFIX + c.id;
    nodes.push({
      type: 'community',
      id,
      communityId: c.id,
      name: c.name,
      kind: c.kind as CommunityKind,
      memberCount: c.member_count,
      position: positions.get(id) ?? null,
    });
  }

  const edges: GraphEdge[] = [];
  for (const c of mine) {
    if (present.has(c.person_id) && c.person_id !== egoId)
      edges.push(tie('connection', { source: egoId, target: c.person_id, strength: c.strength }, c.kinds));
  }
  for (const s of shared) edges.push(tie('shared', s, s.kinds));
  for (const r of reportingLines) {
    if (r.target)
      edges.push(tie('reports_to', { ...r, target: r.target, strength: REPORTING_LINE_STRENGTH }));
  }
  for (const m of members) {
    edges.push(
      tie('member', {
        source: m.person_id,
        target: COMMUNITY_NODE_PREFIX + m.community_id,
        strength: MEMBERSHIP_STRENGTH,
      }),
    );
  }
  // Before the first sync brings you into the directory, there is no one to centre the graph on.
  if (!present.has(egoId)) return { egoId, depth, nodes: [], edges: [], truncated: false };
  return { egoId, depth, nodes, edges, truncated: second.truncated };
}

function tie(type: GraphEdge['type'], { source, target, strength }: Tie, kinds = '[]'): GraphEdge {
  return { type, source, target, strength, kinds: JSON.parse(kinds) as ConnectionKind[] };
}

/**
 * The people your first degree knows through shared connections (either way round) and their managers,
 * ranked by how many ties lead to them, then by the strongest; the first MAX_SECOND_DEGREE are kept.
 */
async function findSecondDegree(db: RawReadDb<LocalDb>, egoId: string, first: ReadonlySet<string>) {
  const rows = await sql<{ id: string; ties: number; best: number }>`
    select id, count(*) as ties, max(strength) as best from (
      select person_id as id, strength from shared_connections where owner_id in ${jsonIds(first)}
      union all
      select owner_id as id, strength from shared_connections where person_id in ${jsonIds(first)}
      union all
      select manager_id as id, ${REPORTING_LINE_STRENGTH} as strength from people
        where id in ${jsonIds(first)} and manager_id is not null
    )
    where id != ${egoId} and id not in ${jsonIds(first)}
    group by id
    order by ties desc, best desc, id
    limit ${MAX_SECOND_DEGREE + 1}`.execute(db);
  const truncated = rows.rows.length > MAX_SECOND_DEGREE;
  return { people: rows.rows.slice(0, MAX_SECOND_DEGREE).map((r) => r.id), truncated };
}

/** Your active communities; with `first` given, also those several of the people you know belong to. */
async function findCommunities(db: RawReadDb<LocalDb>, egoId: string, first: ReadonlySet<string>) {
  const rows = await sql<{ id: string; name: string; kind: string; member_count: number; mine: number }>`
    select c.id, c.name, c.kind,
      (select count(*) from memberships m where m.community_id = c.id and m.status = 'active') as member_count,
      exists (select 1 from memberships m where m.community_id = c.id and m.person_id = ${egoId}
        and m.status = 'active') as mine
    from communities c
    where c.archived = 0 and c.id in (
      select community_id from memberships where person_id = ${egoId} and status = 'active'
      union
      select community_id from memberships where status = 'active' and person_id in ${jsonIds(first)}
        group by community_id having count(*) >= ${SHARED_COMMUNITY_MIN_MEMBERS}
    )
    order by mine desc, member_count desc, c.id
    limit ${MAX_COMMUNITIES}`.execute(db);
  return rows.rows;
}

async function readPositions(db: RawReadDb<LocalDb>, nodeIds: readonly string[]) {
  const rows = await db
    .selectFrom('graph_layout')
    .select(['node_id', 'x', 'y'])
    .where(sql<boolean>`node_id in ${jsonIds(nodeIds)}`)
    .execute();
  return new Map<string, GraphPosition>(rows.map((r) => [r.node_id, { x: r.x, y: r.y }]));
}
