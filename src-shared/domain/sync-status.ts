import { z } from 'zod';

export const SyncStatus = z.discriminatedUnion('state', [
  /** Not signed in: nothing to sync. */
  z.object({ state: z.literal('signed_out'), lastSyncedAt: z.null() }),
  z.object({ state: z.literal('idle'), lastSyncedAt: z.number().nullable() }),
  z.object({
    state: z.literal('syncing'),
    lastSyncedAt: z.number().nullable(),
    /** 0..1 while the first snapshot streams in; null for an incremental pull. */
    progress: z.number().min(0).max(1).nullable(),
  }),
  z.object({
    state: z.literal('offline'),
    lastSyncedAt: z.number().nullable(),
    message: z.string(),
    nextRetryAt: z.number().nullable(),
  }),
  z.object({ state: z.literal('error'), lastSyncedAt: z.number().nullable(), message: z.string() }),
]);
export type SyncStatus = z.infer<typeof SyncStatus>;
