import type { CommunitySuggestion, SuggestionReason } from '#shared/domain/community';
import type { PersonSummary } from '#shared/domain/person';
import type { ReadDb } from '#shared/node/open-database';
import { PERSON_SUMMARY_COLUMNS, toSummary } from '../directory/directory.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { countActiveMembers, listCommunitySummaries } from './summaries.repo.ts';

/**
 * "Communities for you": open or request communities, not archived, that the viewer neither belongs to nor
 * has asked to join. Each reason adds to the score:
 * - skills: 3 per viewer skill (case-insensitive) written as a word in the community's name, purpose or
 *   objectives, or held by at least 2 active members and at least 10 % of them;
 * - connections: per connection who is an active member, 1 + strength / 2 (strength 1–5: 1.5 to 3.5);
 * - department_peers: 2 × log2(1 + active members from the viewer's department), so the tenth colleague adds
 *   less than the first.
 * Reasons are listed strongest first (ties: connections, skills, department peers); the 10 best
 * communities by score, ties by name then id.
 */
export const SUGGESTIONS_MAX = 10;
const SKILL_POINTS = 3;
const COMMON_SKILL_MIN_MEMBERS = 2;
const COMMON_SKILL_MIN_SHARE = 0.1;
const PEOPLE_PER_REASON = 3;
const REASON_ORDER: SuggestionReason['type'][] = ['connections', 'skills', 'department_peers'];

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A skill as a whole word (letters and digits around it end the match), e.g. "Go" not in "good". */
function mentions(text: string, skill: string): boolean {
  const escaped = skill.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}

interface Candidate {
  id: string;
  name: string;
  text: string;
  members: number;
  reasons: { reason: SuggestionReason; score: number }[];
}

export async function listCommunitySuggestions(
  db: ReadDb<LocalDb>,
  viewerId: string,
): Promise<CommunitySuggestion[]> {
  const [viewer, skillRows, communities] = await Promise.all([
    db.selectFrom('people').where('id', '=', viewerId).select('department').executeTakeFirst(),
    db.selectFrom('person_skills').where('person_id', '=', viewerId).select('skill').execute(),
    db
      .selectFrom('communities as c')
      .where('c.archived', '=', 0)
      .where('c.visibility', '!=', 'private')
      .where('c.id', 'not in', (eb) =>
        eb.selectFrom('memberships').where('person_id', '=', viewerId).select('community_id'),
      )
      .select((eb) => ['c.id', 'c.name', 'c.purpose', 'c.objectives', countActiveMembers(eb).as('members')])
      .execute(),
  ]);
  if (communities.length === 0) return [];
  const candidates = new Map<string, Candidate>(
    communities.map((c) => [
      c.id,
      {
        id: c.id,
        name: c.name,
        text: [c.name, c.purpose, ...(JSON.parse(c.objectives) as string[])].join('\n'),
        members: Number(c.members ?? 0),
        reasons: [],
      },
    ]),
  );
  const ids = [...candidates.keys()];
  // One spelling per skill, the viewer's own, keyed case-insensitively.
  const skills = new Map<string, string>();
  for (const { skill } of skillRows)
    if (!skills.has(skill.toLowerCase())) skills.set(skill.toLowerCase(), skill);
  const department = viewer?.department ?? '';

  const activeMemberships = () =>
    db.selectFrom('memberships as m').where('m.status', '=', 'active').where('m.community_id', 'in', ids);
  const [skillCounts, peers, connected] = await Promise.all([
    skills.size === 0
      ? []
      : activeMemberships()
          .innerJoin('person_skills as s', 's.person_id', 'm.person_id')
          .where((eb) => eb(eb.fn('lower', ['s.skill']), 'in', [...skills.keys()]))
          .select((eb) => [
            'm.community_id',
            eb.fn<string>('lower', ['s.skill']).as('skill_key'),
            eb.fn.count<number>('m.person_id').distinct().as('n'),
          ])
          // By the lower-cased skill ("Go" and "go" together), not the column of the same name.
          .groupBy(['m.community_id', 'skill_key'])
          .execute(),
    department === ''
      ? []
      : activeMemberships()
          .innerJoin('people as p', 'p.id', 'm.person_id')
          .where('p.department', '=', department)
          .where('p.id', '!=', viewerId)
          .select((eb) => ['m.community_id', eb.fn.countAll<number>().as('n')])
          .groupBy('m.community_id')
          .execute(),
    db
      .selectFrom('connections as k')
      .innerJoin('memberships as m', 'm.person_id', 'k.person_id')
      .innerJoin('people as p', 'p.id', 'k.person_id')
      .where('m.status', '=', 'active')
      .where('m.community_id', 'in', ids)
      .select(['m.community_id', 'k.strength', ...PERSON_SUMMARY_COLUMNS])
      .orderBy('k.strength', 'desc')
      .orderBy('p.name')
      .orderBy('p.id')
      .execute(),
  ]);

  const commonSkills = new Map<string, Map<string, number>>();
  for (const row of skillCounts) {
    const c = candidates.get(row.community_id);
    const n = Number(row.n);
    if (!c || n < COMMON_SKILL_MIN_MEMBERS || n < COMMON_SKILL_MIN_SHARE * c.members) continue;
    const counts = commonSkills.get(c.id) ?? new Map<string, number>();
    counts.set(row.skill_key, n);
    commonSkills.set(c.id, counts);
  }
  for (const c of candidates.values()) {
    const common = commonSkills.get(c.id) ?? new Map<string, number>();
    // Skills the community names itself first, then those its members hold, the most widely held first.
    const named = [...skills].filter(([, skill]) => mentions(c.text, skill)).map(([key]) => key);
    const held = [...common].filter(([key]) => !named.includes(key)).sort((a, b) => b[1] - a[1]);
    const matched = [...named, ...held.map(([key]) => key)].map((key) => skills.get(key) ?? key);
    if (matched.length > 0)
      c.reasons.push({ reason: { type: 'skills', skills: matched }, score: SKILL_POINTS * matched.length });
  }
  for (const row of peers) {
    const n = Number(row.n);
    candidates.get(row.community_id)?.reasons.push({
      reason: { type: 'department_peers', department, count: n },
      score: 2 * Math.log2(1 + n),
    });
  }
  const byCommunity = new Map<string, { people: PersonSummary[]; score: number }>();
  for (const row of connected) {
    const entry = byCommunity.get(row.community_id) ?? { people: [], score: 0 };
    const { id, name, title, department, location, active } = row;
    entry.people.push(toSummary({ id, name, title, department, location, active }));
    entry.score += 1 + row.strength / 2;
    byCommunity.set(row.community_id, entry);
  }
  for (const [communityId, { people, score }] of byCommunity) {
    candidates.get(communityId)?.reasons.push({
      reason: { type: 'connections', count: people.length, people: people.slice(0, PEOPLE_PER_REASON) },
      score,
    });
  }

  const ranked = [...candidates.values()]
    .filter((c) => c.reasons.length > 0)
    .map((c) => ({ c, score: Math.round(c.reasons.reduce((n, r) => n + r.score, 0) * 100) / 100 }))
    .sort((a, b) => b.score - a.score || compareText(a.c.name, b.c.name) || compareText(a.c.id, b.c.id))
    .slice(0, SUGGESTIONS_MAX);
  const summaries = new Map(
    (
      await listCommunitySummaries(
        db,
        ranked.map((r) => r.c.id),
        viewerId,
      )
    ).map((s) => [s.community.id, s]),
  );
  return ranked.flatMap(({ c, score }) => {
    const summary = summaries.get(c.id);
    if (!summary) return [];
    const reasons = [...c.reasons]
      .sort(
        (a, b) =>
          b.score - a.score || REASON_ORDER.indexOf(a.reason.type) - REASON_ORDER.indexOf(b.reason.type),
      )
      .map((r) => r.reason);
    return [{ summary, score, reasons }];
  });
}
