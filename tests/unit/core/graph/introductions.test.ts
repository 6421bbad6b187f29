import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findIntroductions } from '#core/graph/introductions';
import type { Introductions } from '#shared/domain/graph';
import {
  ME,
  insertConnections,
  insertSharedConnections,
  openGraphFixture,
} from '../../../support/graph-fixture.ts';

type Fixture = Awaited<ReturnType<typeof openGraphFixture>>;

const chains = (r: Introductions) =>
  r.paths.map((p) => p.steps.map((s) => `${s.via}:${s.person.id}`).join(' '));

describe('findIntroductions', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openGraphFixture();
  });
  afterEach(() => f.close());

  it('ranks paths by the product of their ties, a strong long path above a weak short one', async () => {
    const r = await findIntroductions(f.db, ME, 'dan');
    expect(r.direct).toBe(false);
    expect(r.target.name).toBe('Dan');
    expect(chains(r)).toEqual(['connection:ann shared:cat shared:dan', 'connection:bob shared:dan']);
    expect(r.paths.map((p) => p.ask.id)).toEqual(['ann', 'bob']);
    expect(r.paths[0]?.score).toBeCloseTo(1);
    expect(r.paths[1]?.score).toBeCloseTo((2 / 5) * (4 / 5));
  });

  it('reaches three people deep and no further', async () => {
    const eve = await findIntroductions(f.db, ME, 'eve');
    expect(chains(eve)).toEqual([
      'connection:ann shared:cat shared:dan shared:eve',
      'connection:bob shared:dan shared:eve',
    ]);
    // ann → h1 → h2 → h3 → far: four people between you and them.
    const far = await findIntroductions(f.db, ME, 'far');
    expect(far.paths).toEqual([]);
    const h3 = await findIntroductions(f.db, ME, 'h3');
    expect(chains(h3)).toEqual(['connection:ann shared:h1 shared:h2 shared:h3']);
  });

  it('goes through reporting lines and small communities, saying which', async () => {
    await insertSharedConnections(f.db, [['boss', 'kim', 4]]);
    const r = await findIntroductions(f.db, ME, 'kim');
    // Your manager knows Kim; she is in Tiny club with you (a weak tie you can use yourself) and with gus.
    expect(chains(r)).toEqual([
      'reports_to:boss shared:kim',
      'community:kim',
      'connection:gus community:kim',
    ]);
    expect(r.paths[2]?.steps[1]?.communityName).toBe('Tiny club');
    expect(r.paths.map((p) => p.score)).toEqual([
      expect.closeTo((4 / 5) * (4 / 5)),
      expect.closeTo(2 / 5),
      expect.closeTo((3 / 5) * (2 / 5)),
    ]);
  });

  it('keeps the best three, each through a different first person', async () => {
    await insertConnections(f.db, { zoe: 4, rep: 5 });
    await insertSharedConnections(f.db, [
      ['zoe', 'dan', 2],
      ['rep', 'dan', 1],
      ['gus', 'cat', 1],
    ]);
    const r = await findIntroductions(f.db, ME, 'dan');
    expect(r.paths).toHaveLength(3);
    expect(new Set(r.paths.map((p) => p.ask.id)).size).toBe(3);
    const scores = r.paths.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('says when no introduction is needed', async () => {
    expect(await findIntroductions(f.db, ME, 'ann')).toMatchObject({ direct: true, paths: [] });
    expect(await findIntroductions(f.db, ME, 'boss')).toMatchObject({ direct: true, paths: [] });
  });

  it('refuses yourself and people not in the directory', async () => {
    await expect(findIntroductions(f.db, ME, ME)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(findIntroductions(f.db, ME, 'nobody')).rejects.toMatchObject({ code: 'not_found' });
  });
});
