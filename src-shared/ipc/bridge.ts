import { ipcChannelList, isIpcEventName, type IpcEventName } from './channels.ts';
import type { KithBridge } from './contract.ts';
import type { IpcResult } from './result.ts';

/** How a host carries calls and events: ipcRenderer in the preload, a WebSocket in the web host. */
export interface BridgeTransport {
  /** Resolves with the IpcResult the core answered; it goes to the page as it is. */
  call(channel: string, input: unknown): Promise<IpcResult>;
  /** Hands the listener each payload of the event, and nothing else; returns the unsubscribe. */
  subscribe(event: IpcEventName, listener: (payload: unknown) => void): () => void;
}

/**
 * window.api built from the channel table: one function per method, and `on` for the listed events only.
 * It imports the table and types only, so the sandboxed preload can bundle it.
 */
export function createBridge(transport: BridgeTransport): KithBridge {
  const api: Record<string, unknown> = {};
  for (const { area, method, channel } of ipcChannelList) {
    const methods = (api[area] ??= {}) as Record<string, (input?: unknown) => Promise<IpcResult>>;
    methods[method] = (input?: unknown) => transport.call(channel, input);
  }
  api.on = (event: unknown, listener: unknown): (() => void) => {
    if (!isIpcEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function');
    return transport.subscribe(event, listener as (payload: unknown) => void);
  };
  // The table is checked against the contract (contract.ts), so this object has KithBridge's shape.
  return api as KithBridge;
}
