import type { Kysely, Transaction } from 'kysely';
import type { PersonSummary } from '#shared/domain/person';
import type { ConnectInput, Session } from '#shared/domain/session';
import { KithError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import type { SecretStore } from '../core-types.ts';
import type { EmitEvent } from '../events.ts';
import { clearPersonalData } from '../network/connections.repo.ts';
import { countOutbox } from '../sync/outbox.repo.ts';
import { countNotes } from '../notes/notes.repo.ts';
import type { LocalDb } from '../store/local-db.ts';
import { deleteState, readState, writeState, type StateValue } from '../store/local-state.repo.ts';
import { discardSyncedData } from '../sync/apply-sync.ts';
import { createServerClient, ServerError, type ServerClient } from '../sync/server-client.ts';

export const TOKEN_SECRET = 'server-token';

type Account = StateValue<'account'>;

export interface SessionServiceOptions {
  db: Kysely<LocalDb>;
  secrets: SecretStore;
  fetch?: typeof globalThis.fetch;
  /** Passed to every server client; unset, the client's own default. */
  requestTimeoutMs?: number;
  launchDemoServer?: () => Promise<{ serverUrl: string }>;
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

function toKithError(err: unknown, serverUrl: string): KithError {
  if (!(err instanceof ServerError)) return new KithError('internal', String(err));
  if (err.kind === 'unauthorized')
    return new KithError('unauthorized', 'The server did not accept this access token');
  if (err.kind === 'offline')
    return new KithError('offline', `Can't reach ${serverUrl}. Check the address and your connection.`);
  return new KithError('unavailable', err.message);
}

/** Who may write personal data now: the signed-in person's id, or null. */
export async function findSignedInPersonId(
  db: Kysely<LocalDb>,
  secrets: SecretStore,
): Promise<string | null> {
  const [account, token] = await Promise.all([readState(db, 'account'), secrets.get(TOKEN_SECRET)]);
  return account && token ? account.personId : null;
}

/** Who is signed in, to which server; the token lives in the SecretStore, the rest in local_state. */
export function createSessionService(options: SessionServiceOptions) {
  const { db, secrets, requestTimeoutMs: timeoutMs } = options;
  let demoServerUrl: string | null = null;
  // Sign-ins, sign-outs and the resume run one at a time: two overlapping ones could leave two engines.
  let queue: Promise<unknown> = Promise.resolve();
  function serialize<T>(step: () => Promise<T>): Promise<T> {
    const run = queue.then(step, step);
    queue = run.catch(() => undefined);
    return run;
  }

  async function serverUrlOf(account: Account) {
    if (!account.demo) return account.serverUrl;
    if (!options.launchDemoServer)
      throw new KithError('unavailable', 'The demo organization is not available here');
    demoServerUrl ??= (await options.launchDemoServer()).serverUrl;
    return demoServerUrl;
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
    if (!account || !token)
      return { state: 'signed_out', reason: await readState(db, 'signedOutReason'), providerSignOut: null };
    return {
      state: 'signed_in',
      serverUrl: account.serverUrl,
      demo: account.demo,
      providerName: null,
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

  /** Refuses `action` when it would lose notes kept only here or writes still queued. */
  function refuseIfUnsaved(action: string, { notes, pending }: { notes: number; pending: number }) {
    if (notes > 0) {
      throw new KithError(
        'unavailable',
        `${notes} ${notes === 1 ? 'note is' : 'notes are'} only on this computer: notes sync once you set up ` +
          `a passphrase for them. ` +
          `${action.charAt(0).toUpperCase()}${action.slice(1)} would delete ${notes === 1 ? 'it' : 'them'}; ` +
          `delete ${notes === 1 ? 'it' : 'them'} first if you no longer need ${notes === 1 ? 'it' : 'them'}.`,
      );
    }
    if (pending > 0) {
      throw new KithError(
        'unavailable',
        `${pending} ${pending === 1 ? 'change has' : 'changes have'} not reached the server yet. ` +
          `Connect and sync before ${action}, so nothing you wrote is lost.`,
      );
    }
  }

  /**
   * Nothing the user wrote is ever lost: leaving an account waits until its writes reached the server.
   * Returns whether notes sync from here, for the same check again where the cache is cleared.
   */
  async function refuseToDropPendingWrites(action: string): Promise<{ notesSynced: boolean }> {
    // Notes never reach the server until end-to-end encryption is set up: leaving would delete them.
    // Once it is, they are pushed like any write below (their copy stays wrapped on the server).
    const notesSynced = (await options.notesSynced?.()) === true;
    refuseIfUnsaved(action, { notes: notesSynced ? 0 : await countNotes(db), pending: 0 });
    refuseIfUnsaved(action, { notes: 0, pending: await options.flushPendingWrites() });
    return { notesSynced };
  }

  /**
   * The same check in the transaction that clears the cache: a note or an edit saved since the first check
   * (while syncing stopped) would be wiped with it, so the clearing is refused instead.
   */
  async function recheckBeforeClearing(trx: Transaction<LocalDb>, action: string, notesSynced: boolean) {
    refuseIfUnsaved(action, {
      notes: notesSynced ? 0 : await countNotes(trx),
      pending: await countOutbox(trx),
    });
  }

  /** Syncing again for the account this cache holds, after a sign-out or switch refused late. */
  async function resumeSyncing(account: Account | null) {
    const token = await secrets.get(TOKEN_SECRET);
    if (!account || !token) return;
    const serverUrl = await serverUrlOf(account);
    options.onSignedIn(createServerClient({ serverUrl, token, fetch: options.fetch, timeoutMs }));
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

  /** Wipes the cache of another account before this one's data comes in. */
  async function adopt(account: Account, token: string, client: ServerClient) {
    const previous = await readState(db, 'account');
    const sameAccount =
      previous?.personId === account.personId &&
      previous.demo === account.demo &&
      (account.demo || previous.serverUrl === account.serverUrl);
    const { notesSynced } = sameAccount
      ? { notesSynced: true }
      : await refuseToDropPendingWrites('switching account');
    await options.onSignedOut();
    await clearOrResume(previous, () =>
      db.transaction().execute(async (trx) => {
        if (!sameAccount) {
          await recheckBeforeClearing(trx, 'switching account', notesSynced);
          await discardSyncedData(trx);
          await clearPersonalData(trx);
          await deleteState(trx, 'lastSyncedAt');
        }
        await writeState(trx, 'account', account);
        await deleteState(trx, 'signedOutReason');
      }),
    );
    if (!sameAccount && previous) await options.forgetNotesKey?.(previous.personId);
    await secrets.set(TOKEN_SECRET, token);
    options.onSignedIn(client);
    return changed();
  }

  return {
    getSession,

    connectServer: ({ serverUrl, token }: ConnectInput): Promise<Session> =>
      serialize(async () => {
        const client = createServerClient({
          serverUrl,
          token,
          fetch: options.fetch,
          timeoutMs: timeoutMs ?? 15_000,
        });
        const me = await client.getMe().catch((err: unknown) => {
          throw toKithError(err, serverUrl);
        });
        return adopt({ serverUrl, personId: me.person.id, demo: false }, token, client);
      }),

    startDemo: (): Promise<Session> =>
      serialize(async () => {
        const serverUrl = await serverUrlOf({ serverUrl: '', personId: '', demo: true });
        const anonymous = createServerClient({ serverUrl, fetch: options.fetch, timeoutMs });
        const demo = await anonymous.createDemoSession().catch((err: unknown) => {
          throw toKithError(err, serverUrl);
        });
        const client = createServerClient({
          serverUrl,
          token: demo.accessToken,
          fetch: options.fetch,
          timeoutMs,
        });
        return adopt({ serverUrl, personId: demo.person.id, demo: true }, demo.accessToken, client);
      }),

    /** Picks up the session saved by an earlier run, if any. */
    resume: (): Promise<void> =>
      serialize(async () => {
        const [account, token] = await Promise.all([readState(db, 'account'), secrets.get(TOKEN_SECRET)]);
        if (!account || !token) return;
        const serverUrl = await serverUrlOf(account);
        if (serverUrl !== account.serverUrl) await writeState(db, 'account', { ...account, serverUrl });
        options.onSignedIn(createServerClient({ serverUrl, token, fetch: options.fetch, timeoutMs }));
      }),

    /** Ends the session. `reason` set: the server refused us; the cache stays for the same account's return. */
    signOut: (reason: string | null = null): Promise<Session> =>
      serialize(async () => {
        const { notesSynced } = reason
          ? { notesSynced: true }
          : await refuseToDropPendingWrites('signing out');
        const account = await readState(db, 'account');
        await options.onSignedOut();
        // The token goes once the cache is cleared: until then a refused sign-out can go on syncing.
        await clearOrResume(reason ? null : account, () =>
          db.transaction().execute(async (trx) => {
            if (reason) {
              await writeState(trx, 'signedOutReason', reason);
            } else {
              await recheckBeforeClearing(trx, 'signing out', notesSynced);
              // The next person to sign in here must not see (or push) this one's personal data.
              await discardSyncedData(trx);
              await clearPersonalData(trx);
              await deleteState(trx, 'lastSyncedAt', 'account', 'signedOutReason');
            }
          }),
        );
        await secrets.delete(TOKEN_SECRET);
        if (!reason && account) await options.forgetNotesKey?.(account.personId);
        return changed();
      }),
  };
}
export type SessionService = ReturnType<typeof createSessionService>;

export const sessionHandlers = (session: SessionService): ContractHandlers['session'] => ({
  getSession: () => session.getSession(),
  connectServer: (input) => session.connectServer(input),
  startDemo: () => session.startDemo(),
  signOut: () => session.signOut(),
});
