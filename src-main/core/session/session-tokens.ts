import { z } from 'zod';
import type { AuthSession } from '#shared/wire/auth';
import type { SecretStore } from '../core-types.ts';
import { ServerError } from '../sync/server-client.ts';

/** The access token (the name predates refresh tokens: an installation signed in with a token keeps it). */
export const TOKEN_SECRET = 'server-token';
/** The refresh token and when each token runs out, for a session that refreshes (OIDC and demo sign-ins). */
export const REFRESH_SECRET = 'server-refresh';
/** The ID token of an OIDC sign-in: the id_token_hint of the provider's end-session page. */
export const ID_TOKEN_SECRET = 'oidc-id-token';

/** Refreshes once this share of the access token's lifetime is gone: well before it expires. */
const REFRESH_AT = 0.8;

const RefreshState = z.object({
  refreshToken: z.string(),
  /** Epoch ms: past this, refresh before the next request. */
  refreshAt: z.number(),
  /** Epoch ms: past this, the access token is refused; an offline refresh before it keeps the old one. */
  accessExpiresAt: z.number(),
  refreshExpiresAt: z.number(),
});
type RefreshState = z.infer<typeof RefreshState>;

export interface StoredTokens {
  accessToken: string;
  /** Null for a session signed in with an administrator's access token: it never refreshes. */
  refresh: RefreshState | null;
}

function refreshStateOf(session: AuthSession, now: number): RefreshState {
  return {
    refreshToken: session.refreshToken,
    refreshAt: now + session.expiresIn * 1000 * REFRESH_AT,
    accessExpiresAt: now + session.expiresIn * 1000,
    refreshExpiresAt: now + session.refreshExpiresIn * 1000,
  };
}

export async function loadTokens(secrets: SecretStore): Promise<StoredTokens | null> {
  const [accessToken, refresh] = await Promise.all([secrets.get(TOKEN_SECRET), secrets.get(REFRESH_SECRET)]);
  if (!accessToken) return null;
  let parsed: RefreshState | null = null;
  try {
    parsed = refresh ? RefreshState.parse(JSON.parse(refresh)) : null;
  } catch {
    parsed = null; // unreadable: the access token alone, until it is refused
  }
  return { accessToken, refresh: parsed };
}

/**
 * Saves a new session's tokens (all in the SecretStore: never in local_state). The refresh token first: a crash
 * between the two writes then leaves the old access token beside the new refresh token, which refreshes once it
 * is refused; the other order would keep the old refresh token, whose next use the server takes for theft.
 */
export async function storeTokens(secrets: SecretStore, tokens: StoredTokens): Promise<void> {
  if (tokens.refresh) await secrets.set(REFRESH_SECRET, JSON.stringify(tokens.refresh));
  else await secrets.delete(REFRESH_SECRET);
  await secrets.set(TOKEN_SECRET, tokens.accessToken);
}

export function tokensOf(session: AuthSession, now: number): StoredTokens {
  return { accessToken: session.accessToken, refresh: refreshStateOf(session, now) };
}

export async function deleteTokens(secrets: SecretStore): Promise<void> {
  await Promise.all([
    secrets.delete(TOKEN_SECRET),
    secrets.delete(REFRESH_SECRET),
    secrets.delete(ID_TOKEN_SECRET),
  ]);
}

/** Where a server client takes its bearer token from (server-client.ts). */
export interface TokenSource {
  /** The access token to send now; refreshes first when it is due. */
  current(): Promise<string | null>;
  /** The last access token known, without refreshing (the change stream's headers). */
  peek(): string | null;
  /** The server answered 401 to `rejected`: a new access token if a refresh gives one, else null. */
  renew(rejected: string): Promise<string | null>;
}

export interface TokenHolderOptions {
  secrets: SecretStore;
  initial: StoredTokens;
  /** POST /v1/auth/refresh. Throws a ServerError: unauthorized when the refresh is refused for good. */
  refresh: (refreshToken: string) => Promise<AuthSession>;
  now?: () => number;
}

/**
 * Holds one session's tokens and refreshes the access token silently: at 80% of its lifetime (before the next
 * request) and once after a 401. One refresh at a time (single flight): the server rotates the refresh token
 * and treats a second use of the old one as theft. An offline refresh is no sign-out: the request fails as
 * offline and the sync engine retries with backoff; the old access token is used while it is still valid.
 */
export function createTokenHolder({ secrets, initial, refresh, now = Date.now }: TokenHolderOptions) {
  let tokens = initial;
  let inFlight: Promise<string> | null = null;
  let closed = false;

  function refreshNow(): Promise<string> {
    inFlight ??= (async () => {
      const state = tokens.refresh;
      if (!state) throw new ServerError('unauthorized', 'The server no longer accepts this access token');
      if (now() >= state.refreshExpiresAt) throw new ServerError('unauthorized', 'Your session expired');
      const session = await refresh(state.refreshToken);
      const next = tokensOf(session, now());
      // Signed out meanwhile: these tokens belong to no one; the server revoked or will sweep them.
      if (closed) throw new ServerError('unauthorized', 'Signed out');
      // Saved before use: a crash after the server rotated must not leave the old refresh token behind.
      await storeTokens(secrets, next);
      tokens = next;
      return next.accessToken;
    })().finally(() => (inFlight = null));
    return inFlight;
  }

  return {
    peek: () => tokens.accessToken,

    async current() {
      const state = tokens.refresh;
      if (!state || now() < state.refreshAt) return tokens.accessToken;
      try {
        return await refreshNow();
      } catch (err) {
        const stillValid = now() < state.accessExpiresAt;
        if (err instanceof ServerError && err.kind === 'offline' && stillValid) return tokens.accessToken;
        throw err;
      }
    },

    async renew(rejected: string) {
      if (tokens.accessToken !== rejected) return tokens.accessToken; // another request refreshed already
      if (!tokens.refresh) return null;
      return refreshNow();
    },

    /** The session ended: a refresh still running is not saved. */
    close() {
      closed = true;
    },
  } satisfies TokenSource & { close(): void };
}
export type TokenHolder = ReturnType<typeof createTokenHolder>;
