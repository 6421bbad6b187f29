import { describe, expect, it } from 'vitest';
import type { IntroPath } from '#shared/domain/graph';
import {
  describeAsk,
  describePathScore,
  describeTie,
  tieHasStrength,
} from '../../../../src-renderer/graph/introductions.ts';

const person = (id: string, name: string) => ({
  id,
  name,
  title: 'Engineer',
  department: 'R&D',
  location: 'Lyon',
  active: true,
});

describe('introductions labels', () => {
  it('puts a path score in words', () => {
    expect(describePathScore(1)).toBe('strong');
    expect(describePathScore(0.64)).toBe('strong'); // two good ties
    expect(describePathScore(0.36)).toBe('fair'); // two casual ties
    expect(describePathScore(0.216)).toBe('fair'); // three casual ties
    expect(describePathScore(0.08)).toBe('weak');
    expect(describePathScore(0)).toBe('weak');
  });

  it('says how one person on a path knows the next', () => {
    expect(describeTie({ via: 'connection', communityName: null })).toBe('knows');
    expect(describeTie({ via: 'reports_to', communityName: null })).toBe('reports to');
    expect(describeTie({ via: 'manages', communityName: null })).toBe('manages');
    expect(describeTie({ via: 'community', communityName: 'Platform Guild' })).toBe('both in Platform Guild');
    expect(describeTie({ via: 'community', communityName: null })).toBe('in a community with');
    expect(tieHasStrength({ via: 'shared' })).toBe(true);
    expect(tieHasStrength({ via: 'community' })).toBe(false);
  });

  it('says how far the target is from the person to ask', () => {
    const target = person('t', 'Bo Chen');
    const ask = person('a', 'Ana Lima');
    const tie = { via: 'connection' as const, communityName: null, strength: 4 };
    const short: IntroPath = {
      ask,
      steps: [
        { ...tie, person: ask },
        { ...tie, person: target },
      ],
      score: 0.64,
    };
    expect(describeAsk(short, 'Bo Chen')).toBe('Ana Lima knows Bo Chen');
    const long: IntroPath = {
      ask,
      steps: [
        { ...tie, person: ask },
        { ...tie, person: person('c', 'Cy Dar') },
        { ...tie, person: target },
      ],
      score: 0.5,
    };
    expect(describeAsk(long, 'Bo Chen')).toBe('Ana Lima is 2 steps from Bo Chen');
  });
});
