import { z } from 'zod';
import { Person } from './person.ts';

export const CONNECTION_KINDS = [
  'worked_with',
  'mentor',
  'mentee',
  'reference',
  'met_at_event',
  'community_peer',
  'other',
] as const;
export const ConnectionKind = z.enum(CONNECTION_KINDS);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

export const ConnectionVisibility = z.enum(['private', 'shared']);

/** A calendar day, YYYY-MM-DD. */
export const IsoDay = z.iso.date({ error: 'Expected a date as YYYY-MM-DD' });

export const KEEP_IN_TOUCH_MAX_DAYS = 365;

/** What the owner says about a connection; every field can be edited on its own (last writer per field wins). */
export const ConnectionFields = z.object({
  kinds: z
    .array(ConnectionKind)
    .min(1, 'A connection needs at least one kind')
    .max(CONNECTION_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, 'Each kind may appear once'),
  strength: z.number().int().min(1).max(5),
  howMet: z.string().max(2000),
  since: IsoDay.nullable(),
  lastInteractionAt: IsoDay.nullable(),
  visibility: ConnectionVisibility,
  /** A keep-in-touch cadence: a follow-up falls due this many days after the last interaction. Owner-only. */
  keepInTouchDays: z.number().int().min(1).max(KEEP_IN_TOUCH_MAX_DAYS).nullable(),
});
export type ConnectionFields = z.infer<typeof ConnectionFields>;

/** The defaults of a connection created from a partial edit. */
export const NEW_CONNECTION: ConnectionFields = {
  kinds: ['other'],
  strength: 3,
  howMet: '',
  since: null,
  lastInteractionAt: null,
  visibility: 'private',
  keepInTouchDays: null,
};

/**
 * The owner's own connection to a colleague: personal data, readable by its owner only. One per
 * (owner, person), so two devices adding the same colleague offline edit the same connection.
 */
export const Connection = ConnectionFields.extend({
  personId: Person.shape.id,
  /** When the owner last changed it (ms since epoch, the server's clock). */
  updatedAt: z.number().int().min(0),
});
export type Connection = z.infer<typeof Connection>;

/** Someone else's shared connection, as every other user sees it: never how they met, never dates. */
export const SharedConnection = z.object({
  ownerId: Person.shape.id,
  personId: Person.shape.id,
  kinds: ConnectionFields.shape.kinds,
  strength: ConnectionFields.shape.strength,
});
export type SharedConnection = z.infer<typeof SharedConnection>;
