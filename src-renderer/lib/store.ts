import { useSyncExternalStore } from 'react';

/**
 * A value that lives outside any screen (filters that survive a visit to another page, the toasts), read
 * by components through `useStore` and changed by plain functions: the renderer's one kind of little store.
 */
export interface Store<T> {
  get(): T;
  /** Replaces the value; the same value (by identity) notifies no one. */
  set(next: T | ((current: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(next) {
      const value = typeof next === 'function' ? (next as (current: T) => T)(current) : next;
      if (Object.is(value, current)) return;
      current = value;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
