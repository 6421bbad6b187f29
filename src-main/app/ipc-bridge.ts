import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { EVENT_CHANNEL_PREFIX, ipcChannelList, ipcEventNames } from '#shared/ipc/channels';
import type { Dispatch } from '#shared/ipc/dispatch';
import type { IpcResult } from '#shared/ipc/result';
import type { CoreEvents } from '#core/core-types';
import { isTrustedUrl } from './app-origin.ts';

/**
 * One ipcMain.handle per method of the channel table (the channels the preload calls). The sender is checked
 * before anything else (checklist item 17): only the top frame of the app's own page may call; the dispatcher
 * then validates the input.
 */
export function registerIpcHandlers(dispatch: Dispatch): () => void {
  for (const { channel } of ipcChannelList) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<IpcResult> => {
      const refusal = checkSender(event.senderFrame);
      if (refusal) {
        console.warn(`Kith: refused ${channel}: ${refusal}`);
        return { ok: false, error: { code: 'forbidden', message: `${channel} refused: ${refusal}` } };
      }
      return dispatch(channel, input);
    });
  }
  return () => {
    for (const { channel } of ipcChannelList) ipcMain.removeHandler(channel);
  };
}

/** Why a frame may not call, or null if it may. */
function checkSender(frame: WebFrameMain | null): string | null {
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return 'only the top frame may call';
  if (!isTrustedUrl(frame.url)) return 'the sender is not the Kith app';
  return null;
}

/** Relays every core event to the main window, as `event:<name>`; the page gets only the payload. */
export function forwardCoreEvents(events: CoreEvents, target: () => WebContents | null): () => void {
  const unsubscribes = ipcEventNames.map((name) =>
    events.on(name, (payload) => {
      const contents = target();
      if (!contents || contents.isDestroyed() || !isTrustedUrl(contents.getURL())) return;
      contents.send(`${EVENT_CHANNEL_PREFIX}${name}`, payload);
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
