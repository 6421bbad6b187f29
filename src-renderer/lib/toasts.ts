import { createStore, useStore } from './store.ts';

export interface Toast {
  id: number;
  title: string;
  message: string;
  color: 'red' | 'green' | 'blue';
  /** A button in the toast (an in-page notification opens what it is about); clicking it also dismisses it. */
  action?: { label: string; onClick: () => void };
}

/** Errors from background calls (and a few notices) land here and show bottom-right. */
const toasts = createStore<readonly Toast[]>([]);
let nextId = 1;

export function showToast(toast: Omit<Toast, 'id'>, durationMs = 6_000): void {
  const id = nextId++;
  // The same message twice in a row (a retry loop) shows once.
  if (toasts.get().some((t) => t.message === toast.message && t.title === toast.title)) return;
  toasts.set((current) => [...current.slice(-3), { ...toast, id }]);
  setTimeout(() => dismissToast(id), durationMs);
}

export function showError(title: string, error: unknown): void {
  showToast({ title, message: error instanceof Error ? error.message : String(error), color: 'red' });
}

export function dismissToast(id: number): void {
  toasts.set((current) => current.filter((t) => t.id !== id));
}

export function useToasts(): readonly Toast[] {
  return useStore(toasts);
}
