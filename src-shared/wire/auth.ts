import { z } from 'zod';
import { Person } from '../domain/person.ts';

export const Me = z.object({ person: Person });
export type Me = z.infer<typeof Me>;

/**
 * GET /v1/auth/config (no sign-in needed): how people sign in to this server, so a user types only its URL.
 * oidc: the company's OpenID Provider, with the public client the app uses (authorization code + PKCE, a
 * loopback redirect on 127.0.0.1); redirectPort is the fixed port IT registered (null: any free port).
 * demo: a demo org, signed in to with POST /v1/demo/sessions. none: no sign-in is set up yet.
 */
export const AuthConfig = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('oidc'),
    /** What the sign-in button names: "Sign in with <providerName>". */
    providerName: z.string().min(1).max(100),
    issuer: z.url(),
    clientId: z.string().min(1).max(500),
    scopes: z.array(z.string().min(1).max(100)).min(1).max(20),
    redirectPort: z.number().int().min(1024).max(65535).nullable(),
  }),
  z.object({ mode: z.literal('demo') }),
  z.object({ mode: z.literal('none') }),
]);
export type AuthConfig = z.infer<typeof AuthConfig>;

/**
 * Kith's own session, the answer to every sign-in and refresh: a short-lived bearer access token and a
 * rotating refresh token (each refresh answers a new one; reusing an old one revokes the whole family).
 * Lifetimes are in seconds from now, so a device's clock does not matter.
 */
export const AuthSession = z.object({
  accessToken: z.string().min(16).max(512),
  expiresIn: z.number().int().positive(),
  refreshToken: z.string().min(16).max(512),
  refreshExpiresIn: z.number().int().positive(),
  person: Person,
});
export type AuthSession = z.infer<typeof AuthSession>;

/** POST /v1/auth/sessions: the ID token the app got from the OpenID Provider, validated by the server. */
export const OidcSignInInput = z.strictObject({ idToken: z.string().min(1).max(20_000) });

/** POST /v1/auth/refresh: exchange the refresh token for a new session (and a new refresh token). */
export const RefreshInput = z.strictObject({ refreshToken: z.string().min(16).max(512) });

/** POST /v1/auth/sign-out: revokes the session (its refresh family); answered 204 even if already gone. */
export const SignOutInput = RefreshInput;

/** POST /v1/demo/sessions: only a server started with a demo org answers it, with an AuthSession. */
export const DemoSessionInput = z.strictObject({ email: z.email().optional() });

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;
