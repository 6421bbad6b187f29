import type { Kysely } from 'kysely';
import type { PersonSummary } from '#shared/domain/person';
import type { ConnectInput, ServerUrlInput, Session } from '#shared/domain/session';
import { KithError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { AuthSession } from '#shared/wire/auth';
import type { OpenRedirectReceiver, SecretStore } from '../core-types.ts';
import type { EmitEvent } from '../events.ts';
import { clearPersonalData } from '../network/connections.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { deleteState, readState, writeState, type StateValue } from '../store/local-state.repo.ts';
import { discardSyncedData } from '../sync/apply-sync.ts';
import { createServerClient, ServerError, type ServerClient } from '../sync/server-client.ts';
import { createOidcSignIn, toSignInError } from './oidc-sign-in.ts';
import {
  createTokenHolder,
  deleteTokens,
  ID_TOKEN_SECRET,
  loadTokens,
  storeTokens,
  TOKEN_SECRET,
  tokensOf,
  type StoredTokens,
  type TokenHolder,
} from './session-tokens.ts';
import { createUnsavedWritesGuard } from './unsaved-writes.ts';

export { TOKEN_SECRET } from './session-tokens.ts';

export type Account = StateValue<'account'>;

/** Revoking at sign-out is best effort: offline, the session is left to expire on the server. */
const REVOKE_TIMEOUT_MS = 5_000;

export interface SessionServiceOptions {
  db: Kysely<LocalDb>;
  secrets: SecretStore;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /** Passed to every server client; unset, the client's own default. */
  requestTimeoutMs?: number;
  launchDemoServer?: () => Promise<{ serverUrl: string }>;
  /** Opens the identity provider's pages in the system browser (CoreOptions.openBrowser). */
  openBrowser?: (url: string) => Promise<void>;
  openRedirectReceiver?: OpenRedirectReceiver;
  signInTimeoutMs?: number;
  /** A session began (or resumed): start syncing with this client. */
  onSignedIn: (client: ServerClient) => void;
  /** The session ended: stop syncing before the cache is touched. */
  onSignedOut: () => Promise<void>;
  /** Tries to push what is queued; resolves with how many local writes still have not reached the server. */
  flushPendingWrites: () => Promise<number>;
  /**
   * Says 'session.changed' at each sign-in and sign-out, with 'network.changed', 'notes.changed' and
   * 'communities.changed': the cache now holds another account's data, or no one's.
   */
  emit: EmitEvent;
  /** Whether notes sync from this device (the notes key is here): then they are on the server, not only here. */
  notesSynced?: () => Promise<boolean>;
  /** The account's personal data left this device: its notes key goes too. */
  forgetNotesKey?: (accountId: string) => Promise<void>;
}

/** Who may write personal data now: the signed-in person's id, or null. */
export async function findSignedInPersonId(
  db: Kysely<LocalDb>,
  secrets: SecretStore,
): Promise<string | null> {
  const [account, token] = await Promise.all([readState(db, 'account'), secrets.get(TOKEN_SECRET)]);
  return account && token ? account.personId : null;
}

/**
 * Who is signed in, to which server. The tokens (access, refresh, ID token) live in the SecretStore, the
 * rest in local_state. A session that refreshes holds its tokens in a TokenHolder shared by its client.
 */
export function createSessionService(options: SessionServiceOptions) {
  const { db, secrets, requestTimeoutMs: timeoutMs } = options;
  const now = options.now ?? Date.now;
  const unsaved = createUnsavedWritesGuard(options);
  let demoServerUrl: string | null = null;
  let holder: TokenHolder | null = null;
  /** "Also sign out of <provider>", offered right after signing out (memory only: a restart drops it). */
  let providerSignOut: { providerName: string; url: string } | null = null;
  // Sign-ins, sign-outs and the resume run one at a time: two overlapping ones could leave two engines.
  let queue: Promise<unknown> = Promise.resolve();
  function serialize<T>(step: () => Promise<T>): Promise<T> {
    const run = queue.then(step, step);
    queue = run.catch(() => undefined);
    return run;
  }

  const anonymous = (serverUrl: string) => createServerClient({ serverUrl, fetch: options.fetch, timeoutMs });

  async function serverUrlOf(account: Account) {
    if (!account.demo || account.remoteDemo) return account.serverUrl;
    if (!options.launchDemoServer)
      throw new KithError('unavailable', 'The demo organization is not available here');
    demoServerUrl ??= (await options.launchDemoServer()).serverUrl;
    return demoServerUrl;
  }

  /** The client of a session: its requests take the access token from a holder that refreshes it. */
  function sessionClient(serverUrl: string, tokens: StoredTokens): ServerClient {
    holder?.close();
    holder = createTokenHolder({
      secrets,
      initial: tokens,
      now,
      refresh: (refreshToken) => anonymous(serverUrl).refreshSession(refreshToken),
    });
    return createServerClient({ serverUrl, tokens: holder, fetch: options.fetch, timeoutMs });
  }

  async function findMe(personId: string): Promise<PersonSummary | null> {
    const row = await db
      .selectFrom('people')
      .select(['id', 'name', 'title', 'department', 'location', 'active'])
      .where('id', '=', personId)
      .executeTakeFirst();
    return row ? { ...row, active: row.active === 1 } : null;
  }

  async function getSession(): Promise<Session> {
    const [account, token] = await Promise.all([readState(db, 'account'), secrets.get(TOKEN_SECRET)]);
    if (!account || !token) {
      return {
        state: 'signed_out',
        reason: await readState(db, 'signedOutReason'),
        providerSignOut: providerSignOut && { providerName: providerSignOut.providerName },
      };
    }
    return {
      state: 'signed_in',
      serverUrl: account.serverUrl,
      demo: account.demo,
      providerName: account.provider?.name ?? null,
      me: await findMe(account.personId),
    };
  }

  async function changed() {
    const session = await getSession();
    options.emit('session.changed', session);
    options.emit('network.changed', {});
    options.emit('notes.changed', {});
    options.emit('communities.changed', {});
    return session;
  }

  /** Syncing again for the account this cache holds, after a sign-out or switch refused late. */
  async function resumeSyncing(account: Account | null) {
    const tokens = await loadTokens(secrets);
    if (!account || !tokens) return;
    options.onSignedIn(sessionClient(await serverUrlOf(account), tokens));
  }

  /** Runs `clear` after syncing stopped; when it throws (a late write refused it), syncing resumes. */
  async function clearOrResume(account: Account | null, clear: () => Promise<void>) {
    try {
      await clear();
    } catch (err) {
      await resumeSyncing(account).catch((resumeErr: unknown) =>
        console.error('Could not resume syncing after a refused sign-out', resumeErr),
      );
      throw err;
    }
  }

  /**
   * Makes `account` the signed-in one. Another account's cache is wiped first (refused while its writes
   * have not reached the server); the same person signing in again keeps the cache and the queued writes,
   * which the new session pushes. Nothing is stored when it refuses.
   */
  async function adopt(account: Account, tokens: StoredTokens, idToken: string | null = null) {
    const previous = await readState(db, 'account');
    const bundledDemo = (a: Account) => a.demo && !a.remoteDemo;
    const sameAccount =
      previous?.personId === account.personId &&
      previous.demo === account.demo &&
      ((bundledDemo(account) && bundledDemo(previous)) || previous.serverUrl === account.serverUrl);
    const { notesSynced } = sameAccount ? { notesSynced: true } : await unsaved.refuse('switching account');
    await options.onSignedOut();
    await clearOrResume(previous, () =>
      db.transaction().execute(async (trx) => {
        if (!sameAccount) {
          await unsaved.recheck(trx, 'switching account', notesSynced);
          await discardSyncedData(trx);
          await clearPersonalData(trx);
          await deleteState(trx, 'lastSyncedAt');
        }
        await writeState(trx, 'account', account);
        await deleteState(trx, 'signedOutReason');
      }),
    );
    if (!sameAccount && previous) await options.forgetNotesKey?.(previous.personId);
    await storeTokens(secrets, tokens);
    if (idToken) await secrets.set(ID_TOKEN_SECRET, idToken);
    else await secrets.delete(ID_TOKEN_SECRET);
    providerSignOut = null;
    options.onSignedIn(sessionClient(await serverUrlOf(account), tokens));
    return changed();
  }

  /** Adopts a session the server just issued; when adopting refuses, that session is revoked again. */
  async function adoptIssued(account: Account, session: AuthSession, idToken: string | null) {
    try {
      return await serialize(() => adopt(account, tokensOf(session, now()), idToken));
    } catch (err) {
      const serverUrl = await serverUrlOf(account).catch(() => account.serverUrl);
      void anonymous(serverUrl)
        .revokeSession(session.refreshToken)
        .catch(() => undefined);
      throw err;
    }
  }

  async function startDemo(input?: ServerUrlInput): Promise<Session> {
    const remote = input?.serverUrl;
    const serverUrl = remote ?? (await serverUrlOf({ serverUrl: '', personId: '', demo: true }));
    const demo = await anonymous(serverUrl)
      .createDemoSession()
      .catch((err: unknown) => {
        throw toSignInError(err, serverUrl);
      });
    const account: Account = { serverUrl, personId: demo.person.id, demo: true };
    return adoptIssued(remote ? { ...account, remoteDemo: true } : account, demo, null);
  }

  const oidcSignIn = createOidcSignIn({
    anonymous,
    fetch: options.fetch,
    openBrowser: options.openBrowser,
    openRedirectReceiver: options.openRedirectReceiver,
    timeoutMs: options.signInTimeoutMs,
    startDemo,
    adopt: ({ serverUrl, session, idToken, provider }) =>
      adoptIssued({ serverUrl, personId: session.person.id, demo: false, provider }, session, idToken),
  });

  /** Revokes the session on the server (best effort) and prepares "Also sign out of <provider>". */
  async function leaveServer(account: Account | null) {
    const [tokens, idToken] = await Promise.all([loadTokens(secrets), secrets.get(ID_TOKEN_SECRET)]);
    const refreshToken = tokens?.refresh?.refreshToken;
    if (account && refreshToken) {
      const serverUrl = await serverUrlOf(account).catch(() => account.serverUrl);
      const client = createServerClient({ serverUrl, fetch: options.fetch, timeoutMs: REVOKE_TIMEOUT_MS });
      await client.revokeSession(refreshToken).catch((err: unknown) => {
        console.warn('Could not revoke the session on the server; it will expire there', err);
      });
    }
    const provider = account?.provider;
    providerSignOut = provider?.endSessionEndpoint
      ? {
          providerName: provider.name,
          url: oidcSignIn.endSessionUrl(provider.endSessionEndpoint, {
            idToken,
            clientId: provider.clientId,
          }),
        }
      : null;
  }

  return {
    getSession,
    discoverServer: oidcSignIn.discoverServer,
    signIn: oidcSignIn.signIn,
    cancelSignIn: oidcSignIn.cancel,

    connectServer: ({ serverUrl, token }: ConnectInput): Promise<Session> =>
      serialize(async () => {
        const client = createServerClient({
          serverUrl,
          token,
          fetch: options.fetch,
          timeoutMs: timeoutMs ?? 15_000,
        });
        const me = await client.getMe().catch((err: unknown) => {
          if (err instanceof ServerError && err.kind === 'unauthorized')
            throw new KithError('unauthorized', 'The server did not accept this access token');
          throw toSignInError(err, serverUrl);
        });
        return adopt(
          { serverUrl, personId: me.person.id, demo: false },
          { accessToken: token, refresh: null },
        );
      }),

    startDemo,

    /** Picks up the session saved by an earlier run, if any. */
    resume: (): Promise<void> =>
      serialize(async () => {
        const [account, tokens] = await Promise.all([readState(db, 'account'), loadTokens(secrets)]);
        if (!account || !tokens) return;
        const serverUrl = await serverUrlOf(account);
        if (serverUrl !== account.serverUrl) await writeState(db, 'account', { ...account, serverUrl });
        options.onSignedIn(sessionClient(serverUrl, tokens));
      }),

    /**
     * Ends the session. `reason` set: the server refused us (revoked, deactivated, expired); the cache and
     * every queued write stay for the same person's return. Unset: the person signed out; the session is
     * revoked on the server and, when the provider has an end-session page, signing out there is offered.
     */
    signOut: (reason: string | null = null): Promise<Session> =>
      serialize(async () => {
        const { notesSynced } = reason ? { notesSynced: true } : await unsaved.refuse('signing out');
        const account = await readState(db, 'account');
        await options.onSignedOut();
        // The token goes once the cache is cleared: until then a refused sign-out can go on syncing.
        await clearOrResume(reason ? null : account, () =>
          db.transaction().execute(async (trx) => {
            if (reason) {
              await writeState(trx, 'signedOutReason', reason);
            } else {
              await unsaved.recheck(trx, 'signing out', notesSynced);
              // The next person to sign in here must not see (or push) this one's personal data.
              await discardSyncedData(trx);
              await clearPersonalData(trx);
              await deleteState(trx, 'lastSyncedAt', 'account', 'signedOutReason');
            }
          }),
        );
        holder?.close();
        holder = null;
        if (!reason) await leaveServer(account);
        else providerSignOut = null;
        await deleteTokens(secrets);
        if (!reason && account) await options.forgetNotesKey?.(account.personId);
        return changed();
      }),

    /** Opens the provider's end-session page offered after signing out, once. */
    async openProviderSignOut(): Promise<Session> {
      const offer = providerSignOut;
      if (!offer) return getSession();
      if (!options.openBrowser) throw new KithError('unavailable', 'This app cannot open a browser here');
      providerSignOut = null;
      await options.openBrowser(offer.url);
      return changed();
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;

export const sessionHandlers = (session: SessionService): ContractHandlers['session'] => ({
  getSession: () => session.getSession(),
  discoverServer: (input) => session.discoverServer(input),
  signIn: (input) => session.signIn(input),
  cancelSignIn: () => session.cancelSignIn(),
  connectServer: (input) => session.connectServer(input),
  startDemo: (input) => session.startDemo(input),
  signOut: () => session.signOut(),
  openProviderSignOut: () => session.openProviderSignOut(),
});
