import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFacets } from '#core/directory/directory.repo';
import { findNetworkInsights } from '#core/graph/insights.repo';
import { ME, insertConnections, openGraphFixture } from '../../../support/graph-fixture.ts';

type Fixture = Awaited<ReturnType<typeof openGraphFixture>>;

describe('findNetworkInsights', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openGraphFixture();
  });
  afterEach(() => f.close());

  it('counts your connections by department and site beside the org, largest first', async () => {
    const { byDepartment, bySite } = await findNetworkInsights(f.db, ME, await listFacets(f.db));
    expect(byDepartment[0]).toEqual({ value: 'Engineering', known: 2, total: 8 });
    expect(byDepartment).toContainEqual({ value: 'Design', known: 1, total: 1 });
    expect(byDepartment).toContainEqual({ value: 'Finance', known: 0, total: 2 });
    // As many as the directory lists there, people who left included.
    expect(byDepartment).toContainEqual({ value: 'Research', known: 0, total: 2 });
    expect(bySite).toContainEqual({ value: 'Paris', known: 1, total: 3 });
  });

  it('names the people you know who reach departments you do not', async () => {
    const { bridges } = await findNetworkInsights(f.db, ME, await listFacets(f.db));
    expect(bridges.map((b) => [b.person.id, b.reaches, b.reachCount])).toEqual([
      ['ann', ['Finance'], 1],
      ['bob', ['Sales'], 1],
    ]);
  });

  it('suggests people outside your reach who share skills or communities, each with a reason', async () => {
    const { peopleToMeet } = await findNetworkInsights(f.db, ME, await listFacets(f.db));
    expect(peopleToMeet.map((p) => p.person.id)).toEqual(['eve', 'kim', 'cat']);
    expect(peopleToMeet[0]).toMatchObject({
      sharedSkills: ['Go', 'Kubernetes'],
      reason: 'Shares Go and Kubernetes; in Legal, where you know no one yet',
    });
    expect(peopleToMeet[1]).toMatchObject({
      sharedCommunities: ['Tiny club'],
      reason: 'Both in Tiny club; in Marketing, where you know no one yet',
    });
  });

  it('leaves out people you already know and departments you reach', async () => {
    await insertConnections(f.db, { eve: 1 });
    const { peopleToMeet, bridges } = await findNetworkInsights(f.db, ME, await listFacets(f.db));
    expect(peopleToMeet.map((p) => p.person.id)).toEqual(['kim', 'cat']);
    // Legal is reached now; eve's own reach does not count as a bridge to somewhere new.
    expect(bridges.every((b) => !b.reaches.includes('Legal'))).toBe(true);
  });
});
