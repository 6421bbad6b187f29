/**
 * The web host's stand-in for the preload script: defines window.api with the KithBridge shape, built from the
 * channel table as the preload's is, and carries calls and events over a token-guarded WebSocket to the real core.
 * Loaded as a classic script before the app's module script, so window.api exists when the app starts.
 */
import { createBridge } from '#shared/ipc/bridge';
import type { IpcEventName } from '#shared/ipc/channels';
import type { KithBridge } from '#shared/ipc/contract';
import type { IpcResult } from '#shared/ipc/result';

const TOKEN_KEY = 'kith.webHostToken';
const MAX_BACKOFF_MS = 5_000;

/** Takes the token from ?token=… once, keeps it for this tab, and removes it from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * The web host's stand-in for the system browser: a sign-in with an identity provider (session.signIn) sends
 * this tab to the provider's page; the provider sends it back to the host's /callback, which returns it here.
 */
function navigateTo(url: string) {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return;
  window.location.assign(target.href);
}

type Pending = (result: IpcResult) => void;
type Listener = (payload: unknown) => void;

function createConnection(token: string) {
  const pending = new Map<number, Pending>();
  const listeners = new Map<IpcEventName, Set<Listener>>();
  const outbox: string[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoff = 250;

  const connect = () => {
    const ws = new WebSocket(`ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
    socket = ws;
    ws.addEventListener('open', () => {
      backoff = 250;
      for (const message of outbox.splice(0)) ws.send(message);
    });
    ws.addEventListener('message', (event) => onMessage(String(event.data)));
    ws.addEventListener('close', () => {
      socket = null;
      // Calls in flight are lost with the socket: fail them rather than leave them hanging.
      for (const [id, settle] of pending) {
        pending.delete(id);
        settle({
          ok: false,
          error: { code: 'unavailable', message: 'Lost the connection to the Kith web host; try again.' },
        });
      }
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    });
  };

  const onMessage = (data: string) => {
    let message: {
      id?: number;
      result?: IpcResult;
      event?: IpcEventName;
      payload?: unknown;
      navigate?: unknown;
    };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      console.error('Kith web bridge: unreadable message', data);
      return;
    }
    if (typeof message.id === 'number' && message.result) {
      const settle = pending.get(message.id);
      pending.delete(message.id);
      settle?.(message.result);
    } else if (typeof message.navigate === 'string') {
      navigateTo(message.navigate);
    } else if (message.event) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  };

  const call = (channel: string, input: unknown): Promise<IpcResult> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const message = JSON.stringify({ id, channel, input });
      if (socket?.readyState === WebSocket.OPEN) socket.send(message);
      else outbox.push(message);
    });

  // createBridge has checked the event name and the listener.
  const subscribe = (event: IpcEventName, listener: Listener): (() => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  connect();
  return { call, subscribe };
}

function createApi(): KithBridge {
  const api = createBridge(createConnection(takeToken()));
  for (const area of Object.values(api)) if (typeof area === 'object' && area) Object.freeze(area);
  return Object.freeze(api);
}

Object.defineProperty(window, 'api', { value: createApi(), writable: false, configurable: false });
