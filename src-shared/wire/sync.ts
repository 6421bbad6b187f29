import { z } from 'zod';
import { Connection, SharedConnection } from '../domain/connection.ts';
import { Person } from '../domain/person.ts';
import { NoteId, SyncedNote } from './notes.ts';

/** A position in the server's change sequence. 0 = before everything. */
export const Cursor = z.number().int().min(0);

/**
 * The snapshot streams its sections in this order, each ordered by its key: people by id, the user's own
 * connections by person id, others' shared connections by owner id, then person id (resume key
 * `${ownerId}/${personId}`), the user's own notes (ciphertext) by note id.
 */
export const BOOTSTRAP_SECTIONS = ['people', 'connections', 'shared_connections', 'notes'] as const;
export const BootstrapSection = z.enum(BOOTSTRAP_SECTIONS);
export type BootstrapSection = z.infer<typeof BootstrapSection>;

/**
 * Query of GET /v1/sync/bootstrap: a fresh snapshot, or the rest of one that was cut off: the same
 * cursor, the section it was in (default people) and the key of the last row applied there.
 */
export const BootstrapQuery = z.strictObject({
  cursor: z.coerce.number().int().min(0).optional(),
  section: BootstrapSection.optional(),
  after: z.string().min(1).max(130).optional(),
});
export type BootstrapQuery = z.infer<typeof BootstrapQuery>;

/** Which change history a cursor belongs to; a new one (a rebuilt database) means bootstrap again. */
export const DatasetId = z.string().min(1).max(64);

/** One NDJSON line of the bootstrap stream: begin, then the rows ordered by id, then end. */
export const BootstrapLine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('begin'), dataset: DatasetId, cursor: Cursor, total: z.number().int().min(0) }),
  z.object({ type: z.literal('person'), value: Person }),
  z.object({ type: z.literal('connection'), value: Connection }),
  z.object({ type: z.literal('shared_connection'), value: SharedConnection }),
  z.object({ type: z.literal('note'), value: SyncedNote }),
  z.object({ type: z.literal('end'), cursor: Cursor, count: z.number().int().min(0) }),
]);
export type BootstrapLine = z.infer<typeof BootstrapLine>;

export const PULL_LIMIT_MAX = 5000;

export const PullQuery = z.strictObject({
  since: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(1000),
});
export type PullQuery = z.infer<typeof PullQuery>;

const PersonId = Person.shape.id;

export const Change = z.union([
  z.object({ entity: z.literal('person'), op: z.literal('upsert'), seq: Cursor, value: Person }),
  z.object({ entity: z.literal('person'), op: z.literal('delete'), seq: Cursor, id: PersonId }),
  /** The user's own connections: the whole record. */
  z.object({ entity: z.literal('connection'), op: z.literal('upsert'), seq: Cursor, value: Connection }),
  z.object({ entity: z.literal('connection'), op: z.literal('delete'), seq: Cursor, personId: PersonId }),
  /** Others' shared connections; a delete also when one turns private. */
  z.object({
    entity: z.literal('shared_connection'),
    op: z.literal('upsert'),
    seq: Cursor,
    value: SharedConnection,
  }),
  z.object({
    entity: z.literal('shared_connection'),
    op: z.literal('delete'),
    seq: Cursor,
    ownerId: PersonId,
    personId: PersonId,
  }),
  /** The user's own notes, as ciphertext. */
  z.object({ entity: z.literal('note'), op: z.literal('upsert'), seq: Cursor, value: SyncedNote }),
  z.object({ entity: z.literal('note'), op: z.literal('delete'), seq: Cursor, id: NoteId }),
]);
export type Change = z.infer<typeof Change>;

export const PullPage = z.object({
  dataset: DatasetId,
  changes: z.array(Change),
  /** Where the next pull starts; valid once every change of this page is applied. */
  cursor: Cursor,
  hasMore: z.boolean(),
});
export type PullPage = z.infer<typeof PullPage>;
