import {
  CommunityFields,
  POST_BODY_MAX,
  PostFields,
  type CommunityKind,
  type CommunityVisibility,
  type PostKind,
} from '#shared/domain/community';
import { refusePostShape, titleRequired, TITLED_POST_KINDS } from '#shared/domain/community-rules';

/** The propose / edit form as typed: objectives one per line, so empty lines can be dropped. */
export interface CommunityDraft {
  name: string;
  kind: CommunityKind;
  purpose: string;
  objectives: string[];
  visibility: CommunityVisibility;
}

export type CommunityFieldErrors = Partial<Record<keyof CommunityDraft, string>>;

export const EMPTY_COMMUNITY_DRAFT: CommunityDraft = {
  name: '',
  kind: 'community_of_practice',
  purpose: '',
  objectives: [''],
  visibility: 'open',
};

/** Checks a draft with the contract's own schema; the first message per field, or the fields to send. */
export function validateCommunity(
  draft: CommunityDraft,
): { ok: true; fields: CommunityFields } | { ok: false; errors: CommunityFieldErrors } {
  const parsed = CommunityFields.safeParse({
    ...draft,
    objectives: draft.objectives.map((o) => o.trim()).filter(Boolean),
  });
  if (parsed.success) return { ok: true, fields: parsed.data };
  const errors: CommunityFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof CommunityDraft | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** What the composer holds; the event's start is a local "YYYY-MM-DDTHH:mm" from a datetime-local input. */
export interface PostDraft {
  kind: PostKind;
  title: string;
  body: string;
  startsAt: string;
  place: string;
}

export type PostFieldErrors = Partial<Record<'title' | 'body' | 'startsAt' | 'place' | 'form', string>>;

export const bodyTooLong = (body: string) => body.length > POST_BODY_MAX;

export const BODY_LIMIT_MESSAGE = `A post has at most ${POST_BODY_MAX.toLocaleString('en')} characters`;

/**
 * Turns a draft into the fields to send, or says what is missing, with the shared community rules' words
 * (the core and server check again).
 */
export function validatePost(
  draft: PostDraft,
): { ok: true; fields: PostFields } | { ok: false; errors: PostFieldErrors } {
  const errors: PostFieldErrors = {};
  const titled = TITLED_POST_KINDS.has(draft.kind);
  const title = titled ? draft.title.trim() : '';
  if (bodyTooLong(draft.body)) errors.body = BODY_LIMIT_MESSAGE;
  let event: PostFields['event'] = null;
  if (draft.kind === 'event') {
    const startsAt = draft.startsAt ? new Date(draft.startsAt).getTime() : Number.NaN;
    if (!Number.isFinite(startsAt)) errors.startsAt = 'Pick when the event starts';
    if (!draft.place.trim()) errors.place = 'Say where the event takes place';
    if (Number.isFinite(startsAt) && draft.place.trim()) event = { startsAt, place: draft.place.trim() };
  }
  if (titled && !title) {
    errors.title = titleRequired(draft.kind);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = PostFields.safeParse({ title: titled ? title : null, body: draft.body, event });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'event' ? 'place' : issue.path[0] === 'title' ? 'title' : 'body';
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const fields = parsed.data;
  // An answer's question is checked by the core; here only its shape matters.
  const parent = draft.kind === 'answer' ? { kind: 'question' as const, communityId: '' } : null;
  const refusal = refusePostShape(draft.kind, fields, parent, '');
  if (refusal) return { ok: false, errors: { [draft.kind === 'event' ? 'form' : 'body']: refusal } };
  return { ok: true, fields };
}
