import { describe, expect, it } from 'vitest';
import { POST_BODY_MAX } from '#shared/domain/community';
import {
  BODY_LIMIT_MESSAGE,
  EMPTY_COMMUNITY_DRAFT,
  validateCommunity,
  validatePost,
  type PostDraft,
} from '../../../src-renderer/lib/community-form.ts';

const draft = (over: Partial<PostDraft>): PostDraft => ({
  kind: 'post',
  title: '',
  body: 'Hello',
  startsAt: '',
  place: '',
  ...over,
});

describe('validateCommunity', () => {
  it('gives the schema’s message per field', () => {
    const result = validateCommunity({ ...EMPTY_COMMUNITY_DRAFT, name: 'ab', purpose: '  ' });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'A community name has at least 3 characters',
        purpose: 'Say what the community is for',
      },
    });
  });

  it('drops empty objectives and trims the rest', () => {
    const result = validateCommunity({
      ...EMPTY_COMMUNITY_DRAFT,
      name: ' Go guild ',
      purpose: 'Write better Go',
      objectives: ['  ship a linter ', '', '   '],
    });
    expect(result).toEqual({
      ok: true,
      fields: {
        name: 'Go guild',
        kind: 'community_of_practice',
        purpose: 'Write better Go',
        objectives: ['ship a linter'],
        visibility: 'open',
      },
    });
  });
});

describe('validatePost', () => {
  it('refuses an oversized body with the limit in words', () => {
    const result = validatePost(draft({ body: 'x'.repeat(POST_BODY_MAX + 1) }));
    expect(result).toEqual({ ok: false, errors: { body: BODY_LIMIT_MESSAGE } });
    expect(BODY_LIMIT_MESSAGE).toBe('A post has at most 20,000 characters');
    expect(validatePost(draft({ body: 'x'.repeat(POST_BODY_MAX) })).ok).toBe(true);
  });

  it('asks questions, events and job openings for a title, and events for a time and place', () => {
    expect(validatePost(draft({ kind: 'question' }))).toEqual({
      ok: false,
      errors: { title: 'A question needs a title' },
    });
    expect(validatePost(draft({ kind: 'job_opening', title: ' ' }))).toEqual({
      ok: false,
      errors: { title: 'A job opening needs a title' },
    });
    expect(validatePost(draft({ kind: 'event', title: 'Meetup', body: '' }))).toEqual({
      ok: false,
      errors: { startsAt: 'Pick when the event starts', place: 'Say where the event takes place' },
    });
  });

  it('builds the fields to send: no title where the kind has none, the event in ms', () => {
    expect(validatePost(draft({ title: 'ignored' }))).toEqual({
      ok: true,
      fields: { title: null, body: 'Hello', event: null },
    });
    const event = validatePost(
      draft({ kind: 'event', title: ' Meetup ', startsAt: '2026-05-04T18:30', place: 'Lyon' }),
    );
    expect(event).toEqual({
      ok: true,
      fields: {
        title: 'Meetup',
        body: 'Hello',
        event: { startsAt: new Date('2026-05-04T18:30').getTime(), place: 'Lyon' },
      },
    });
  });

  it('refuses an empty post or answer with the shared rules’ words', () => {
    expect(validatePost(draft({ body: '   ' }))).toEqual({
      ok: false,
      errors: { body: 'A post needs some text' },
    });
    expect(validatePost(draft({ kind: 'answer', body: '' }))).toEqual({
      ok: false,
      errors: { body: 'A post needs some text' },
    });
    expect(validatePost(draft({ kind: 'answer', body: 'Use kind' }))).toEqual({
      ok: true,
      fields: { title: null, body: 'Use kind', event: null },
    });
  });
});
