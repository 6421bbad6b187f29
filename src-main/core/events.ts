import type { IpcEventName, IpcEventPayload } from '#shared/ipc/contract';
import type { CoreEventListener, CoreEvents, LocalWriterOptions } from './core-types.ts';

/**
 * Emits one of the contract's events: the one path by which a service, the sync engine or the session says
 * what changed. Hosts relay the events to the renderer; services in the core may listen too.
 */
export type EmitEvent = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => void;

export interface CoreEventHub extends CoreEvents {
  emit: EmitEvent;
}

/** What a committed local write does next: the UI hears `event`, and what was queued is pushed soon. */
export function announceWrites(
  { emit, syncSoon }: Pick<LocalWriterOptions, 'emit' | 'syncSoon'>,
  event: 'network.changed' | 'notes.changed' | 'communities.changed',
): () => void {
  return () => {
    emit(event, {});
    syncSoon();
  };
}

/** A typed event hub for the contract's events; listeners that throw don't stop the others. */
export function createEventHub(): CoreEventHub {
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
