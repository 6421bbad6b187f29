/**
 * The bridge: window.api, one function per contract method and a filtered event subscription. Nothing else
 * reaches the page: not ipcRenderer, not the IpcRendererEvent. Sandboxed, so this file is bundled into one
 * CommonJS script that requires only 'electron'; from src-shared it takes the channel table (through
 * createBridge) and types, never the contract's values, which would bundle its schema library.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from '#shared/ipc/bridge';
import { EVENT_CHANNEL_PREFIX } from '#shared/ipc/channels';
import type { IpcResult } from '#shared/ipc/result';

const api = createBridge({
  // The main process answers every call with an IpcResult.
  call: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<IpcResult>,
  subscribe(event, listener) {
    const channel = `${EVENT_CHANNEL_PREFIX}${event}`;
    // The main process sends only the contract's payloads on these channels; the page gets the payload alone.
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);
