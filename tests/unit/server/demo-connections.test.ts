import { describe, expect, it } from 'vitest';
import { CONNECTION_KINDS, Connection } from '#shared/domain/connection';
import { fromConnectionColumns } from '#shared/node/connection-columns';
import type { Person } from '#shared/domain/person';
import { DEMO_REACHED_DEPARTMENTS } from '#server/demo/demo-user-network';
import { generateCommunities } from '#server/demo/generate-communities';
import {
  generateConnections,
  MAX_CONNECTIONS_PER_PERSON,
  type DemoConnectionRow,
} from '#server/demo/generate-connections';
import { generateOrg, type DemoOrg } from '#server/demo/generate-org';
import { DEPARTMENTS } from '#server/demo/org-data';

const NOW = Date.UTC(2025, 5, 16, 12);
const TODAY = '2025-06-16';
const DAY = 86_400_000;

const small = generateOrg({ size: 'S', seed: 3 });
const smallCommunities = generateCommunities(small, { seed: 3, now: NOW });
const smallRows = generateConnections(small, { seed: 3, now: NOW, communities: smallCommunities });
const medium = generateOrg({ size: 'M', seed: 5 });
const mediumRows = generateConnections(medium, {
  seed: 5,
  now: NOW,
  communities: generateCommunities(medium, { seed: 5, now: NOW }),
});
const cases = [
  ['S', small, smallRows],
  ['M', medium, mediumRows],
] as const;

const peopleById = (org: DemoOrg) => new Map(org.people.map((p) => [p.id, p]));
const shareOf = (rows: readonly DemoConnectionRow[], test: (r: DemoConnectionRow) => boolean) =>
  rows.filter(test).length / rows.length;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function countsByOwner(org: DemoOrg, rows: readonly DemoConnectionRow[]) {
  const counts = new Map(org.people.filter((p) => p.active).map((p) => [p.id, 0]));
  for (const r of rows) counts.set(r.owner_id, (counts.get(r.owner_id) ?? 0) + 1);
  return counts;
}

/** What the demo user sees: their own connections, and the shared ones of everyone else. */
function demoView(org: DemoOrg, rows: readonly DemoConnectionRow[]) {
  const byId = peopleById(org);
  const own = rows.filter((r) => r.owner_id === org.demoUserId);
  const departmentOf = (id: string) => (byId.get(id) as Person).department;
  const reached = new Set(own.map((r) => departmentOf(r.person_id)));
  const neighbours = new Set(own.map((r) => r.person_id));
  const bridges = rows.filter(
    (r) =>
      r.visibility === 'shared' &&
      neighbours.has(r.owner_id) &&
      r.person_id !== org.demoUserId &&
      !reached.has(departmentOf(r.person_id)),
  );
  return { own, reached, bridges, departmentOf, byId };
}

describe('generateConnections', () => {
  it('gives identical rows for the same org, seed and now, and different ones for another seed', () => {
    const again = generateConnections(small, { seed: 3, now: NOW, communities: smallCommunities });
    expect(again).toEqual(smallRows);
    const other = generateConnections(small, { seed: 4, now: NOW, communities: smallCommunities });
    expect(other.map((r) => `${r.owner_id}/${r.person_id}`)).not.toEqual(
      smallRows.map((r) => `${r.owner_id}/${r.person_id}`),
    );
  });

  it.each(cases)(
    'links only distinct, active people, once per (owner, person), in key order (%s)',
    (_size, org, rows) => {
      const byId = peopleById(org);
      const keys = rows.map((r) => `${r.owner_id}/${r.person_id}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect([...keys].sort()).toEqual(keys);
      for (const r of rows) {
        expect(r.owner_id).not.toBe(r.person_id);
        expect(byId.get(r.owner_id)?.active).toBe(true);
        expect(byId.get(r.person_id)?.active).toBe(true);
      }
    },
  );

  it.each(cases)(
    'produces rows the Connection schema accepts, every date in the past (%s)',
    (_s, _o, rows) => {
      for (const row of rows) {
        const connection = fromConnectionColumns(row);
        expect(Connection.parse(connection)).toEqual(connection);
        expect(row).toMatchObject({ deleted: 0, unshared_seq: null });
        expect(row.how_met).not.toMatch(/[{}]|\bin \.|^$/);
        expect(row.updated_at).toBeLessThanOrEqual(NOW);
        if (row.since !== null) expect(row.since <= TODAY).toBe(true);
        if (row.last_interaction_at !== null) {
          expect(row.last_interaction_at <= TODAY).toBe(true);
          if (row.since !== null) expect(row.last_interaction_at >= row.since).toBe(true);
        }
      }
    },
  );

  it.each(cases)(
    'gives most people a handful of connections and a few many, about 60% shared (%s)',
    (_size, org, rows) => {
      const counts = [...countsByOwner(org, rows)]
        .filter(([id]) => id !== org.demoUserId)
        .map(([, n]) => n)
        .sort((a, b) => a - b);
      const median = counts[Math.floor(counts.length / 2)]!;
      expect(median).toBeGreaterThanOrEqual(4);
      expect(median).toBeLessThanOrEqual(8);
      expect(counts.filter((n) => n >= 2 && n <= 8).length).toBeGreaterThan(counts.length / 2);
      expect(counts.at(-1)).toBeGreaterThanOrEqual(20);
      expect(counts.at(-1)).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_PERSON);
      expect(mean(counts)).toBeGreaterThan(7);
      expect(mean(counts)).toBeLessThan(10);
      const shared = shareOf(rows, (r) => r.visibility === 'shared');
      expect(shared).toBeGreaterThan(0.5);
      expect(shared).toBeLessThan(0.7);
    },
  );

  it.each(cases)(
    'keeps most ties within a department and makes closer ones stronger (%s)',
    (_size, org, rows) => {
      const byId = peopleById(org);
      const owner = (r: DemoConnectionRow) => byId.get(r.owner_id)!;
      const other = (r: DemoConnectionRow) => byId.get(r.person_id)!;
      const sameDepartment = (r: DemoConnectionRow) => owner(r).department === other(r).department;
      const team = rows.filter(
        (r) => owner(r).managerId === r.person_id || other(r).managerId === r.owner_id,
      );
      const across = rows.filter((r) => !sameDepartment(r));
      expect(shareOf(rows, sameDepartment)).toBeGreaterThan(0.5);
      expect(across.length / rows.length).toBeGreaterThan(0.1);
      expect(shareOf(rows, (r) => owner(r).location === other(r).location)).toBeGreaterThan(0.4);
      expect(mean(team.map((r) => r.strength))).toBeGreaterThan(mean(across.map((r) => r.strength)) + 0.8);
      for (const r of team) expect(JSON.parse(r.kinds)).toContain('worked_with');
    },
  );

  it('uses every kind, pairs mentors with mentees across levels and peers within communities', () => {
    const kinds = new Set(mediumRows.flatMap((r) => JSON.parse(r.kinds) as string[]));
    expect(kinds).toEqual(new Set(CONNECTION_KINDS));
    const byId = peopleById(medium);
    const isManager = new Set(medium.people.map((p) => p.managerId));
    const seniority = (p: Person) =>
      isManager.has(p.id)
        ? 4
        : /^(Senior|Lead) /.test(p.title)
          ? 2
          : p.title.startsWith('Associate ')
            ? 0
            : 1;
    const mentors = mediumRows.filter((r) => r.kinds.includes('"mentor"'));
    expect(mentors.length).toBeGreaterThan(50);
    for (const r of mentors)
      expect(seniority(byId.get(r.person_id)!)).toBeGreaterThanOrEqual(seniority(byId.get(r.owner_id)!));
    const communities = generateCommunities(medium, { seed: 5, now: NOW });
    const names = new Map(communities.communities.map((c) => [c.id, c.name]));
    const joined = new Map<string, Set<string>>();
    for (const m of communities.memberships)
      if (m.status === 'active')
        joined.set(m.person_id, (joined.get(m.person_id) ?? new Set()).add(m.community_id));
    const communityPeers = mediumRows.filter((r) => r.kinds.includes('community_peer'));
    expect(communityPeers.length).toBeGreaterThan(100);
    for (const r of communityPeers) {
      const both = [...(joined.get(r.owner_id) ?? [])].filter((c) => joined.get(r.person_id)?.has(c));
      expect(both.some((c) => r.how_met.includes(names.get(c)!))).toBe(true);
    }
  });

  it('makes no community peers without communities', () => {
    const rows = generateConnections(small, { seed: 3, now: NOW });
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.some((r) => r.kinds.includes('community_peer'))).toBe(false);
  });

  it.each(cases)(
    'gives the demo user 30–45 connections across departments and sites, mostly shared (%s)',
    (_size, org, rows) => {
      const { own, reached, byId } = demoView(org, rows);
      expect(own.length).toBeGreaterThanOrEqual(30);
      expect(own.length).toBeLessThanOrEqual(45);
      expect(reached).toEqual(new Set(DEMO_REACHED_DEPARTMENTS));
      expect(DEPARTMENTS.length - reached.size).toBeGreaterThanOrEqual(3);
      expect(new Set(own.map((r) => byId.get(r.person_id)!.location)).size).toBeGreaterThanOrEqual(4);
      expect(shareOf(own, (r) => r.visibility === 'shared')).toBeGreaterThanOrEqual(0.7);
      expect(own.filter((r) => r.strength >= 4).length).toBeGreaterThanOrEqual(5);
      expect(own.filter((r) => r.strength <= 2).length).toBeGreaterThanOrEqual(3);
      expect(own.some((r) => r.kinds.includes('"mentor"'))).toBe(true);
      expect(own.some((r) => r.kinds.includes('"mentee"'))).toBe(true);
      const manager = byId.get(org.demoUserId)!.managerId;
      expect(own.find((r) => r.person_id === manager)?.visibility).toBe('shared');
    },
  );

  it.each(cases)('gives the demo user keep-in-touch cadences, some overdue (%s)', (_size, org, rows) => {
    const { own } = demoView(org, rows);
    const cadenced = own.filter((r) => r.keep_in_touch_days !== null);
    expect(cadenced.length).toBeGreaterThanOrEqual(4);
    const overdue = cadenced.filter(
      (r) => Date.parse(r.last_interaction_at!) + r.keep_in_touch_days! * DAY < Date.parse(TODAY),
    );
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.length).toBeLessThan(cadenced.length);
  });

  it.each(cases)(
    "leaves departments the demo user reaches only through their connections' shared ones (%s)",
    (_size, org, rows) => {
      const { reached, bridges, departmentOf } = demoView(org, rows);
      const unreached = DEPARTMENTS.map((d) => d.name).filter((d) => !reached.has(d));
      expect(unreached.length).toBeGreaterThanOrEqual(3);
      const bridged = new Set(bridges.map((r) => departmentOf(r.person_id)));
      expect(bridged).toEqual(new Set(unreached));
      expect(new Set(bridges.map((r) => r.owner_id)).size).toBeGreaterThanOrEqual(3);
    },
  );

  it('gives org L about a million connections, about 500,000 of them shared', { timeout: 120_000 }, () => {
    const large = generateOrg({ size: 'L' });
    const rows = generateConnections(large, {
      now: NOW,
      communities: generateCommunities(large, { now: NOW }),
    });
    const shared = rows.filter((r) => r.visibility === 'shared').length;
    expect(rows.length).toBeGreaterThan(750_000);
    expect(rows.length).toBeLessThan(1_100_000);
    expect(shared).toBeGreaterThan(450_000);
    expect(shared).toBeLessThan(550_000);
    expect(demoView(large, rows).own.length).toBeGreaterThanOrEqual(30);
  });
});
