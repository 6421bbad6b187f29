import { z } from 'zod';
import { Person } from '../domain/person.ts';

/** A position in the server's change sequence. 0 = before everything. */
export const Cursor = z.number().int().min(0);

/** Query of GET /v1/sync/bootstrap: a fresh snapshot, or the rest of one that was cut off. */
export const BootstrapQuery = z.strictObject({
  cursor: z.coerce.number().int().min(0).optional(),
  after: z.string().min(1).max(64).optional(),
});
export type BootstrapQuery = z.infer<typeof BootstrapQuery>;

/** Which change history a cursor belongs to; a new one (a rebuilt database) means bootstrap again. */
export const DatasetId = z.string().min(1).max(64);

/** One NDJSON line of the bootstrap stream: begin, then the rows ordered by id, then end. */
export const BootstrapLine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('begin'), dataset: DatasetId, cursor: Cursor, total: z.number().int().min(0) }),
  z.object({ type: z.literal('person'), value: Person }),
  z.object({ type: z.literal('end'), cursor: Cursor, count: z.number().int().min(0) }),
]);
export type BootstrapLine = z.infer<typeof BootstrapLine>;

export const PULL_LIMIT_MAX = 5000;

export const PullQuery = z.strictObject({
  since: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(1000),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const Change = z.discriminatedUnion('op', [
  z.object({ entity: z.literal('person'), op: z.literal('upsert'), seq: Cursor, value: Person }),
  z.object({
    entity: z.literal('person'),
    op: z.literal('delete'),
    seq: Cursor,
    id: z.string().min(1).max(64),
  }),
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
