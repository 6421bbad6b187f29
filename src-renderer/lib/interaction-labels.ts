import type { Interaction } from '#shared/domain/note';

type InteractionType = Interaction['type'];

/** How each kind of logged interaction reads in the UI. */
export const INTERACTION_LABELS: Record<InteractionType, string> = {
  meeting: 'Meeting',
  call: 'Call',
  message: 'Message',
  coffee: 'Coffee',
  event: 'Event',
  other: 'Other',
};
