import type { SecretStore } from '../core-types.ts';
import type { StateValue } from '../store/local-state.repo.ts';
import { createServerClient } from '../sync/server-client.ts';
import { endSessionUrl } from './oidc-flow.ts';
import { ID_TOKEN_SECRET, loadTokens } from './session-tokens.ts';

/** Revoking at sign-out is best effort: offline, the session is left to expire on the server. */
const REVOKE_TIMEOUT_MS = 5_000;

/** "Also sign out of <provider>": its end-session page, offered right after signing out. */
export interface ProviderSignOutOffer {
  providerName: string;
  url: string;
}

/**
 * The server side of a sign-out the person asked for, before the tokens are deleted: revokes the session on
 * the server (its refresh family), and returns the provider's end-session offer when its discovery document
 * had an end_session_endpoint (with id_token_hint and client_id), else null.
 */
export async function leaveServer(options: {
  secrets: SecretStore;
  account: StateValue<'account'> | null;
  serverUrl: string;
  fetch?: typeof globalThis.fetch;
}): Promise<ProviderSignOutOffer | null> {
  const { secrets, account } = options;
  const [tokens, idToken] = await Promise.all([loadTokens(secrets), secrets.get(ID_TOKEN_SECRET)]);
  const refreshToken = tokens?.refresh?.refreshToken;
  if (account && refreshToken) {
    const client = createServerClient({
      serverUrl: options.serverUrl,
      fetch: options.fetch,
      timeoutMs: REVOKE_TIMEOUT_MS,
    });
    await client.revokeSession(refreshToken).catch((err: unknown) => {
      console.warn('Could not revoke the session on the server; it will expire there', err);
    });
  }
  const provider = account?.provider;
  if (!provider?.endSessionEndpoint) return null;
  return {
    providerName: provider.name,
    url: endSessionUrl(provider.endSessionEndpoint, { idToken, clientId: provider.clientId }),
  };
}
