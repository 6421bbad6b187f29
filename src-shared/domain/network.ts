import { z } from 'zod';
import { Connection, ConnectionFields, ConnectionKind } from './connection.ts';
import { Person, PersonSummary } from './person.ts';

export const NetworkQuery = z.strictObject({
  /** keepInTouch: by the day the keep-in-touch reminder falls due; connections without a cadence last. */
  sort: z.enum(['name', 'strength', 'lastInteraction', 'keepInTouch']).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  kind: ConnectionKind.optional(),
  department: z.string().trim().min(1).max(120).optional(),
  location: z.string().trim().min(1).max(120).optional(),
  minStrength: z.number().int().min(1).max(5).optional(),
});
export type NetworkQuery = z.input<typeof NetworkQuery>;

/** One row of "My network": the connection and who it is with. */
export const NetworkEntry = z.object({ connection: Connection, person: PersonSummary });
export type NetworkEntry = z.infer<typeof NetworkEntry>;

export const SaveConnectionInput = z.strictObject({
  personId: Person.shape.id,
  /** The fields to change; a new connection takes defaults for the rest. */
  patch: ConnectionFields.partial().strict(),
});
export type SaveConnectionInput = z.infer<typeof SaveConnectionInput>;

/** A local write the server refused: undone locally, shown to the person until dismissed. */
export const RejectedWrite = z.object({
  mutationId: z.number().int().min(1),
  /** What the write was, in words ("Connection with Ada Lovelace"). */
  description: z.string(),
  reason: z.string(),
  at: z.number().int().min(0),
});
export type RejectedWrite = z.infer<typeof RejectedWrite>;
