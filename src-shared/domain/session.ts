import { z } from 'zod';
import { PersonSummary } from './person.ts';

export const ServerUrl = z
  .url({ protocol: /^https?$/, error: 'The server address must be an http:// or https:// URL' })
  .max(2000);

export const Session = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed_out'), reason: z.string().nullable() }),
  z.object({
    state: z.literal('signed_in'),
    serverUrl: z.string(),
    demo: z.boolean(),
    /** Null until the directory has synced the signed-in person. */
    me: PersonSummary.nullable(),
  }),
]);
export type Session = z.infer<typeof Session>;

export const ConnectInput = z.strictObject({
  serverUrl: ServerUrl,
  token: z.string().trim().min(16, 'The access token is too short').max(512),
});
export type ConnectInput = z.infer<typeof ConnectInput>;
