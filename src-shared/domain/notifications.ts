import { z } from 'zod';

/** One desktop notification the core decided to show (see core/notifications/notification-rules). */
export const DesktopNotification = z.object({
  /** Stable per item (`post:<id>`), per community and sync for a summary: the shell's tag. */
  id: z.string(),
  communityId: z.string(),
  title: z.string(),
  body: z.string(),
  /** The renderer route a click opens. */
  route: z.string(),
  kind: z.enum(['item', 'summary']),
});
export type DesktopNotification = z.infer<typeof DesktopNotification>;

/** A route inside the app (a deep link): starts with one slash, no scheme, no host. */
export const AppRoute = z
  .string()
  .max(500)
  .regex(/^\/(?!\/)[^\s\\]*$/, { error: 'A route starts with one "/" and has no spaces or backslashes' });
