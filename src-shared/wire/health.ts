import { z } from 'zod';

/** GET /v1/health: answers without a token, so a client can tell "server down" from "signed out". */
export const Health = z.object({ ok: z.literal(true) });
export type Health = z.infer<typeof Health>;
