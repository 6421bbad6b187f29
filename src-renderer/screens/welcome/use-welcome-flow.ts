import { useEffect, useReducer, useRef } from 'react';
import type { ServerSignIn } from '#shared/domain/session';
import { useApplySession } from '../../hooks/use-session.ts';
import { getApi } from '../../lib/api.ts';
import {
  BROWSER_HINT_MS,
  initialWelcome,
  parseServerInput,
  recallServer,
  reduceWelcome,
  rememberServer,
} from './welcome-flow.ts';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Runs the welcome flow's calls (discover, sign in, cancel) and feeds their answers to its reducer. */
export function useWelcomeFlow() {
  const [state, dispatch] = useReducer(reduceWelcome, null, () => initialWelcome(recallServer(storage())));
  const attempts = useRef(0);
  const applySession = useApplySession();
  const nextAttempt = () => ++attempts.current;

  // While the browser is out, say after a while that it may not have opened.
  const waiting = state.step === 'signing_in' && state.server.kind === 'oidc' ? state.attempt : 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => dispatch({ type: 'slow', attempt: waiting }), BROWSER_HINT_MS);
    return () => clearTimeout(timer);
  }, [waiting]);

  const submit = () => {
    if (state.step !== 'server') return;
    const parsed = parseServerInput(state.input);
    if (!parsed.ok) return dispatch({ type: 'invalid', message: parsed.message });
    const attempt = nextAttempt();
    dispatch({ type: 'discover', attempt });
    getApi()
      .session.discoverServer({ serverUrl: parsed.serverUrl })
      .then((server) => {
        rememberServer(storage(), server.serverUrl);
        dispatch({ type: 'discovered', server, attempt });
      })
      .catch((err: unknown) => dispatch({ type: 'discover_failed', message: messageOf(err), attempt }));
  };

  const signIn = (server: ServerSignIn) => {
    const attempt = nextAttempt();
    dispatch({ type: 'start', attempt });
    const input = { serverUrl: server.serverUrl };
    const call = server.kind === 'oidc' ? getApi().session.signIn(input) : getApi().session.startDemo(input);
    // Success swaps the welcome screen for the app; a failure shows on the screen, the address kept.
    call
      .then(applySession)
      .catch((err: unknown) => dispatch({ type: 'failed', message: messageOf(err), attempt }));
  };

  const cancel = () => {
    dispatch({ type: 'cancel' });
    // The pending signIn then fails as cancelled: its attempt is over, so that failure shows nothing.
    getApi()
      .session.cancelSignIn()
      .catch(() => undefined);
  };

  return {
    state,
    edit: (input: string) => dispatch({ type: 'edit', input }),
    submit,
    signIn,
    cancel,
    back: () => dispatch({ type: 'back' }),
  };
}
