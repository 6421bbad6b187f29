import { z } from 'zod';
import { PersonSummary } from './person.ts';

export const ServerUrl = z
  .url({ protocol: /^https?$/, error: 'The server address must be an http:// or https:// URL' })
  .max(2000);

export const Session = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('signed_out'),
    /** Why the session ended when the user did not end it (revoked, deactivated, expired); else null. */
    reason: z.string().nullable(),
    /**
     * Set right after signing out of a server whose OpenID Provider has an end-session endpoint: the app
     * offers "Also sign out of <provider>" (session.openProviderSignOut). Null otherwise.
     */
    providerSignOut: z.object({ providerName: z.string() }).nullable(),
  }),
  z.object({
    state: z.literal('signed_in'),
    serverUrl: z.string(),
    demo: z.boolean(),
    /** The company's identity provider the person signed in through; null for a demo or a token sign-in. */
    providerName: z.string().nullable(),
    /** Null until the directory has synced the signed-in person. */
    me: PersonSummary.nullable(),
  }),
]);
export type Session = z.infer<typeof Session>;

/** How a server the user typed asks them to sign in (from its GET /v1/auth/config). */
export const ServerSignIn = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('oidc'), serverUrl: z.string(), providerName: z.string() }),
  z.object({ kind: z.literal('demo'), serverUrl: z.string() }),
]);
export type ServerSignIn = z.infer<typeof ServerSignIn>;

export const ServerUrlInput = z.strictObject({ serverUrl: ServerUrl });
export type ServerUrlInput = z.infer<typeof ServerUrlInput>;

export const ConnectInput = z.strictObject({
  serverUrl: ServerUrl,
  token: z.string().trim().min(16, 'The access token is too short').max(512),
});
export type ConnectInput = z.infer<typeof ConnectInput>;
