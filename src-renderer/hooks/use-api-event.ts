import { useEffect, useRef } from 'react';
import type { IpcEventName, IpcEventPayload } from '#shared/ipc/contract';
import { getApi } from '../lib/api.ts';

/** Subscribes to a core event for the component's lifetime; the latest listener is always called. */
export function useApiEvent<E extends IpcEventName>(
  event: E,
  listener: (payload: IpcEventPayload<E>) => void,
) {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => getApi().on(event, (payload) => latest.current(payload)), [event]);
}
