import { z } from 'zod';

/** Where the app's own update stands; the tray and the banner offer "Restart to update" when ready. */
export const UpdateStatus = z.discriminatedUnion('state', [
  /** This build never checks: development, the demo organization, or a host that cannot update. */
  z.object({ state: z.literal('disabled'), reason: z.string() }),
  /** Up to date as of checkedAt (null: not checked yet). */
  z.object({ state: z.literal('idle'), checkedAt: z.number().nullable() }),
  z.object({ state: z.literal('checking'), checkedAt: z.number().nullable() }),
  z.object({
    state: z.literal('downloading'),
    version: z.string(),
    /** 0..100; null before the first progress report. */
    percent: z.number().min(0).max(100).nullable(),
  }),
  /** Downloaded and verified: installs on restart (or on the next quit). */
  z.object({ state: z.literal('ready'), version: z.string() }),
  z.object({ state: z.literal('error'), message: z.string(), checkedAt: z.number().nullable() }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;
