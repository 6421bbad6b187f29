import { describe, expect, it } from 'vitest';
import type { PersonSummary } from '#shared/domain/person';
import { COMMUNITY_KINDS, POST_KINDS } from '#shared/domain/community';
import { POST_KIND_LABELS } from '#shared/domain/community';
import {
  COMMUNITY_KIND_LABELS,
  composableKinds,
  describeMembership,
  isActive,
} from '../../../src-renderer/lib/community-labels.ts';
import { describeReason } from '../../../src-renderer/lib/community-reasons.ts';

const person = (name: string): PersonSummary => ({
  id: `p-${name}`,
  name,
  title: 'Engineer',
  department: 'Engineering',
  location: 'Lyon',
  active: true,
});

describe('community labels', () => {
  it('has a readable label for every kind of community and post', () => {
    for (const kind of COMMUNITY_KINDS) expect(COMMUNITY_KIND_LABELS[kind]).toMatch(/^[A-Z][a-z ]+$/);
    for (const kind of POST_KINDS) expect(POST_KIND_LABELS[kind]).toMatch(/^[A-Z][a-z ]+$/);
    expect(COMMUNITY_KIND_LABELS.community_of_practice).toBe('Community of practice');
  });

  it('offers announcements to leaders only', () => {
    expect(composableKinds('leader')).toContain('announcement');
    for (const role of ['moderator', 'member', null] as const) {
      expect(composableKinds(role)).not.toContain('announcement');
      expect(composableKinds(role)).toContain('question');
    }
    expect(composableKinds('leader')).not.toContain('answer');
  });

  it('describes where the viewer stands', () => {
    const me = { followed: false, muted: false };
    expect(describeMembership({ ...me, role: 'leader', status: 'active' })).toBe('Leader');
    expect(describeMembership({ ...me, role: 'member', status: 'requested' })).toBe('Request pending');
    expect(describeMembership({ ...me, role: null, status: null })).toBeNull();
    expect(isActive({ ...me, role: 'moderator', status: 'active' }, 'moderator')).toBe(true);
    expect(isActive({ ...me, role: 'member', status: 'active' }, 'moderator')).toBe(false);
    expect(isActive({ ...me, role: 'leader', status: 'requested' })).toBe(false);
  });
});

describe('describeReason', () => {
  it('names up to three connections and says when there are more', () => {
    const people = [person('Ada'), person('Bob'), person('Chloé')];
    expect(describeReason({ type: 'connections', count: 3, people })).toBe(
      '3 of your connections are members: Ada, Bob, Chloé',
    );
    expect(describeReason({ type: 'connections', count: 5, people })).toBe(
      '5 of your connections are members: Ada, Bob, Chloé…',
    );
    expect(describeReason({ type: 'connections', count: 1, people: [person('Ada')] })).toBe(
      '1 of your connections is a member: Ada',
    );
  });

  it('lists matching skills and counts department peers', () => {
    expect(describeReason({ type: 'skills', skills: ['Kubernetes', 'Go'] })).toBe(
      'Matches your skills: Kubernetes, Go',
    );
    expect(describeReason({ type: 'skills', skills: ['Go'] })).toBe('Matches your skill: Go');
    expect(describeReason({ type: 'department_peers', department: 'Engineering', count: 12 })).toBe(
      '12 people from Engineering are members',
    );
    expect(describeReason({ type: 'department_peers', department: 'Sales', count: 1 })).toBe(
      '1 person from Sales is a member',
    );
  });
});
