import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  title: string;
  message: string;
  color: 'red' | 'green' | 'blue';
  /** A button in the toast (an in-page notification opens what it is about); clicking it also dismisses it. */
  action?: { label: string; onClick: () => void };
}

/** A tiny notification store: errors from background calls land here and show bottom-right. */
let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export function showToast(toast: Omit<Toast, 'id'>, durationMs = 6_000): void {
  const id = nextId++;
  // The same message twice in a row (a retry loop) shows once.
  if (toasts.some((t) => t.message === toast.message && t.title === toast.title)) return;
  toasts = [...toasts.slice(-3), { ...toast, id }];
  emit();
  setTimeout(() => dismissToast(id), durationMs);
}

export function showError(title: string, error: unknown): void {
  showToast({ title, message: error instanceof Error ? error.message : String(error), color: 'red' });
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
}
