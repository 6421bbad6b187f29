import { sql } from 'kysely';
import type { DirectoryFacets } from '#shared/domain/directory';
import type { Bridge, NetworkInsights, PersonToMeet, ReachCount } from '#shared/domain/graph';
import type { PersonSummary } from '#shared/domain/person';
import type { RawReadDb } from '#shared/node/open-database';
import { findPersonSummaries } from '../directory/directory.repo.ts';
import { jsonIds } from '../store/json-ids.ts';
import type { LocalDb } from '../store/local-db.ts';

const MAX_BRIDGES = 10;
const MAX_PEOPLE_TO_MEET = 10;
/** How many skill matches are weighed before communities are added: the strongest matches only. */
const SKILL_CANDIDATES = 300;

/**
 * Where your network is thin: your connections counted by department and site beside the org's size there;
 * bridges (people you know whose shared connections reach departments you don't); people to meet (sharing
 * your skills or communities, in departments where you know no one), each with its reason.
 */
export async function findNetworkInsights(
  db: RawReadDb<LocalDb>,
  egoId: string,
  facets: Pick<DirectoryFacets, 'departments' | 'locations'>,
): Promise<NetworkInsights> {
  const [byDepartment, bySite] = await Promise.all([
    countReach(db, 'department', facets.departments),
    countReach(db, 'location', facets.locations),
  ]);
  const me = await db.selectFrom('people').select('department').where('id', '=', egoId).executeTakeFirst();
  const reached = new Set(byDepartment.filter((d) => d.known > 0).map((d) => d.value));
  if (me) reached.add(me.department); // your own department is yours without a connection in it
  const [bridges, peopleToMeet] = await Promise.all([
    findBridges(db, egoId, reached),
    findPeopleToMeet(db, egoId, reached),
  ]);
  return { byDepartment, bySite, bridges, peopleToMeet };
}

/**
 * Every department (or site) of the org with how many of its people you know; largest first. The org's
 * sizes are the directory's facet counts (kept by the directory service until the data changes): counting
 * 100,000 people again here would cost ~100 ms.
 */
async function countReach(
  db: RawReadDb<LocalDb>,
  column: 'department' | 'location',
  org: DirectoryFacets['departments'],
): Promise<ReachCount[]> {
  // CROSS JOIN keeps SQLite reading your few connections first, not 100,000 people in department order.
  const { rows: known } = await sql<{ value: string; n: number }>`
    select p.${sql.ref(column)} as value, count(*) as n
    from connections c cross join people p on p.id = c.person_id
    group by p.${sql.ref(column)}`.execute(db);
  const knownIn = new Map(known.map((k) => [k.value, k.n]));
  return org
    .filter((f) => f.value !== '')
    .map((f) => ({ value: f.value, known: knownIn.get(f.value) ?? 0, total: f.count }))
    .sort((a, b) => b.total - a.total || a.value.localeCompare(b.value));
}

async function findBridges(
  db: RawReadDb<LocalDb>,
  egoId: string,
  reached: ReadonlySet<string>,
): Promise<Bridge[]> {
  const { rows } = await sql<{ bridge: string; department: string; n: number }>`
    with ties as (
      select s.owner_id as bridge, s.person_id as other from shared_connections s
        where s.owner_id in (select person_id from connections)
      union
      select s.person_id as bridge, s.owner_id as other from shared_connections s
        where s.person_id in (select person_id from connections)
    )
    select t.bridge, p.department, count(*) as n from ties t join people p on p.id = t.other
    where p.active = 1 and t.other != ${egoId} and p.department not in ${jsonIds(reached)}
    group by t.bridge, p.department`.execute(db);
  const byBridge = new Map<string, { reaches: string[]; reachCount: number }>();
  for (const r of rows) {
    const entry = byBridge.get(r.bridge) ?? { reaches: [], reachCount: 0 };
    entry.reaches.push(r.department);
    entry.reachCount += r.n;
    byBridge.set(r.bridge, entry);
  }
  const ranked = [...byBridge.entries()]
    .sort(
      ([a, x], [b, y]) =>
        y.reaches.length - x.reaches.length || y.reachCount - x.reachCount || a.localeCompare(b),
    )
    .slice(0, MAX_BRIDGES);
  const people = await findPersonSummaries(
    db,
    ranked.map(([id]) => id),
  );
  return ranked.flatMap(([id, { reaches, reachCount }]) => {
    const person = people.get(id);
    return person ? [{ person, reaches: reaches.sort(), reachCount }] : [];
  });
}

async function findPeopleToMeet(
  db: RawReadDb<LocalDb>,
  egoId: string,
  reached: ReadonlySet<string>,
): Promise<PersonToMeet[]> {
  const outside = sql`p.active = 1 and p.id != ${egoId} and p.department not in ${jsonIds(reached)}
    and p.id not in (select person_id from connections)`;
  const [skills, communities] = await Promise.all([
    sql<{ id: string; skills: string }>`
      select p.id, json_group_array(theirs.skill) as skills
      from person_skills mine
        join person_skills theirs on theirs.skill = mine.skill
        join people p on p.id = theirs.person_id
      where mine.person_id = ${egoId} and ${outside}
      group by p.id order by count(*) desc, p.id limit ${SKILL_CANDIDATES}`.execute(db),
    sql<{ id: string; communities: string }>`
      select p.id, json_group_array(c.name) as communities
      from memberships mine
        join memberships theirs on theirs.community_id = mine.community_id and theirs.status = 'active'
        join communities c on c.id = mine.community_id and c.archived = 0
        join people p on p.id = theirs.person_id
      where mine.person_id = ${egoId} and mine.status = 'active' and ${outside}
      group by p.id`.execute(db),
  ]);
  const shared = new Map<string, { skills: string[]; communities: string[] }>();
  for (const r of skills.rows)
    shared.set(r.id, { skills: JSON.parse(r.skills) as string[], communities: [] });
  for (const r of communities.rows) {
    const names = parseSorted(r.communities);
    const known = shared.get(r.id);
    if (known) known.communities = names;
    else shared.set(r.id, { skills: [], communities: names });
  }
  const ranked = [...shared.entries()]
    .map(([id, s]) => ({ id, ...s, score: s.skills.length + 2 * s.communities.length }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, MAX_PEOPLE_TO_MEET);
  const people = await findPersonSummaries(
    db,
    ranked.map((r) => r.id),
  );
  return ranked.flatMap((r) => {
    const person = people.get(r.id);
    if (!person) return [];
    return [
      { person, sharedSkills: r.skills, sharedCommunities: r.communities, reason: describeReason(person, r) },
    ];
  });
}

export function describeReason(
  person: PersonSummary,
  { skills, communities }: { skills: readonly string[]; communities: readonly string[] },
): string {
  const parts: string[] = [];
  if (skills.length) parts.push(`Shares ${listWords(skills)}`);
  if (communities.length) parts.push(`${parts.length ? 'both' : 'Both'} in ${listWords(communities)}`);
  parts.push(`in ${person.department || 'a department'}, where you know no one yet`);
  return parts.join('; ');
}

function listWords(words: readonly string[]): string {
  const shown = words.slice(0, 3);
  const more = words.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? '');
}

const parseSorted = (json: string) => (JSON.parse(json) as string[]).sort((a, b) => a.localeCompare(b));
