import { z } from 'zod';
import { isHttpsOrLoopback } from '#shared/node/loopback';

/*
 * What an administrator configures: one YAML file (`--config kith-server.yaml`), each key also settable by an
 * environment variable KITH_… (see the README). Validated at start: a wrong or missing value stops the server
 * with one line naming the key. With no config at all the server runs as before: embedded SQLite under ./data.
 */

/** Which ID-token claim names the person. email: a verified email, matched to people.email; oid / sub: matched to the person's externalId (SCIM). */
export const PersonClaim = z.enum(['email', 'oid', 'sub']);
export type PersonClaim = z.infer<typeof PersonClaim>;

export const OidcConfig = z.strictObject({
  /** The OpenID Provider's issuer URL, exactly as its discovery document states it; https unless loopback. */
  issuer: z
    .url({ protocol: /^https?$/ })
    .refine(isHttpsOrLoopback, 'must be an https URL (http only for 127.0.0.1, localhost or [::1])'),
  /** The public client registered for the desktop app (no secret: PKCE). */
  clientId: z.string().min(1).max(500),
  /** Shown on the sign-in button: "Sign in with <providerName>". */
  providerName: z.string().min(1).max(100).default('your company'),
  scopes: z.array(z.string().min(1).max(100)).min(1).max(20).default(['openid', 'profile', 'email']),
  personClaim: PersonClaim.default('email'),
  /** With personClaim email: only these domains (lower case) may sign in; empty: any. */
  allowedEmailDomains: z.array(z.string().min(1).max(253)).max(100).default([]),
  /** The loopback port registered at the IdP (http://127.0.0.1:<port>/callback); null: any free port. */
  redirectPort: z.number().int().min(1024).max(65535).nullable().default(null),
  /** Allowed clock skew when checking exp / iat / nbf. */
  clockToleranceSeconds: z.number().int().min(0).max(300).default(60),
});
export type OidcConfig = z.infer<typeof OidcConfig>;

export const ServerConfig = z.strictObject({
  /** Where people's apps reach this server, e.g. https://kith.example.com. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The data folder (SQLite database); relative to the config file's folder. */
  dataDir: z.string().min(1).default('data'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8787),
  oidc: OidcConfig.optional(),
  scim: z.strictObject({ enabled: z.boolean().default(false) }).default({ enabled: false }),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
