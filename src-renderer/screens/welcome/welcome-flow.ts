import { ServerUrl, type ServerSignIn } from '#shared/domain/session';

/**
 * The welcome screen's sign-in flow as a pure state machine: type the server's address, see how it signs
 * people in, then wait for the browser (or the demo). The component runs the calls; each result carries the
 * attempt that asked for it, so an answer that arrives after Cancel or "Use another server" is dropped.
 */
export type WelcomeState =
  | { step: 'server'; input: string; fieldError: string | null; error: string | null; attempt: number }
  | { step: 'discovering'; input: string; attempt: number }
  | { step: 'ready'; input: string; server: ServerSignIn; error: string | null; attempt: number }
  /** Waiting for the browser (OIDC) or for the demo server; `slow`: the browser may not have opened. */
  | { step: 'signing_in'; input: string; server: ServerSignIn; slow: boolean; attempt: number };

export type WelcomeEvent =
  | { type: 'edit'; input: string }
  | { type: 'invalid'; message: string }
  | { type: 'discover'; attempt: number }
  | { type: 'discovered'; server: ServerSignIn; attempt: number }
  | { type: 'discover_failed'; message: string; attempt: number }
  | { type: 'start'; attempt: number }
  | { type: 'slow'; attempt: number }
  | { type: 'failed'; message: string; attempt: number }
  | { type: 'cancel' }
  | { type: 'back' };

/** No attempt running: answers of earlier ones find nothing to update. */
const IDLE = 0;

export function initialWelcome(rememberedServer: string | null): WelcomeState {
  return { step: 'server', input: rememberedServer ?? '', fieldError: null, error: null, attempt: IDLE };
}

const typing = (input: string, error: string | null = null): WelcomeState => ({
  step: 'server',
  input,
  fieldError: null,
  error,
  attempt: IDLE,
});

export function reduceWelcome(state: WelcomeState, event: WelcomeEvent): WelcomeState {
  switch (event.type) {
    case 'edit':
      // Typing while Kith asks a server abandons that question.
      return state.step === 'server' || state.step === 'discovering' ? typing(event.input) : state;
    case 'invalid':
      return state.step === 'server' ? { ...state, fieldError: event.message, error: null } : state;
    case 'discover':
      return state.step === 'server'
        ? { step: 'discovering', input: state.input, attempt: event.attempt }
        : state;
    case 'discovered':
      return state.step === 'discovering' && state.attempt === event.attempt
        ? { step: 'ready', input: state.input, server: event.server, error: null, attempt: IDLE }
        : state;
    case 'discover_failed':
      return state.step === 'discovering' && state.attempt === event.attempt
        ? typing(state.input, event.message)
        : state;
    case 'start':
      return state.step === 'ready'
        ? {
            step: 'signing_in',
            input: state.input,
            server: state.server,
            slow: false,
            attempt: event.attempt,
          }
        : state;
    case 'slow':
      return state.step === 'signing_in' && state.attempt === event.attempt
        ? { ...state, slow: true }
        : state;
    case 'failed':
      return state.step === 'signing_in' && state.attempt === event.attempt
        ? { step: 'ready', input: state.input, server: state.server, error: event.message, attempt: IDLE }
        : state;
    case 'cancel':
      return state.step === 'signing_in'
        ? { step: 'ready', input: state.input, server: state.server, error: null, attempt: IDLE }
        : state;
    case 'back':
      return typing(state.input);
  }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:\/|$)/i;

export type ParsedServer = { ok: true; serverUrl: string } | { ok: false; message: string };

/**
 * What the user typed, as a server address: `kith.example.com` means https (a loopback address means http,
 * as a server on this computer rarely has a certificate); the trailing slash, query and fragment go.
 */
export function parseServerInput(text: string): ParsedServer {
  const typed = text.trim();
  if (!typed) return { ok: false, message: 'Type your company’s Kith server address' };
  const withScheme = SCHEME.test(typed) ? typed : `${LOOPBACK.test(typed) ? 'http' : 'https'}://${typed}`;
  const checked = ServerUrl.safeParse(withScheme);
  if (!checked.success)
    return { ok: false, message: checked.error.issues[0]?.message ?? 'Not a server address' };
  const url = new URL(checked.data);
  if (url.username || url.password) {
    return { ok: false, message: 'The server address cannot hold a user name or password' };
  }
  return { ok: true, serverUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** "Contoso" for a company's IdP; the demo server has none. */
export const signInLabel = (server: ServerSignIn) =>
  server.kind === 'oidc' ? `Sign in with ${server.providerName}` : 'Enter the demo organization';

/** How long the browser has before the screen says it may not have opened. */
export const BROWSER_HINT_MS = 8_000;

/** localStorage's two methods used here (typed apart from the DOM so tests run it under Node). */
interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const REMEMBERED_SERVER = 'kith.welcome.serverUrl';

/** The address of the last server that answered, offered again next time; nothing when storage is off. */
export function recallServer(storage: KeyValueStore | null): string | null {
  try {
    const value = storage?.getItem(REMEMBERED_SERVER) ?? null;
    return value && parseServerInput(value).ok ? value : null;
  } catch {
    return null;
  }
}

export function rememberServer(storage: KeyValueStore | null, serverUrl: string): void {
  try {
    storage?.setItem(REMEMBERED_SERVER, serverUrl);
  } catch {
    // Private mode or a full quota: the user types it again next time.
  }
}
