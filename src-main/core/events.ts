import type { IpcEventName, IpcEventPayload } from '#shared/ipc/contract';
import type { CoreEventListener, CoreEvents } from './core-types.ts';

/** A typed event hub for the contract's events; listeners that throw don't stop the others. */
export function createEventHub(): CoreEvents & {
  emit<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void;
} {
  const listeners = new Map<IpcEventName, Set<CoreEventListener<never>>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as CoreEventListener<never>);
      return () => set.delete(listener as CoreEventListener<never>);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          (listener as CoreEventListener<typeof event>)(payload);
        } catch (err) {
          console.error(`A listener of ${event} failed`, err);
        }
      }
    },
  };
}
