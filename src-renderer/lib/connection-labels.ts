import type { ConnectionKind } from '#shared/domain/connection';

/** How each kind of connection reads in the UI. */
export const CONNECTION_KIND_LABELS: Record<ConnectionKind, string> = {
  worked_with: 'Worked with',
  mentor: 'My mentor',
  mentee: 'My mentee',
  reference: 'Reference',
  met_at_event: 'Met at an event',
  community_peer: 'Community peer',
  other: 'Other',
};

export const STRENGTH_LABELS = ['', 'Acquaintance', 'Casual', 'Good', 'Close', 'Very close'] as const;

/** "12 Mar 2026" for a YYYY-MM-DD day, in the reader's locale. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
