/**
 * What closing the main window does. Hiding keeps the page loaded, so reopening is instant and background
 * sync and notifications go on (as Slack and Element do).
 */
export interface WindowCloseInput {
  platform: NodeJS.Platform;
  /** The person's setting. */
  closeToTray: boolean;
  /** Whether a tray icon exists to bring the window back. */
  hasTray: boolean;
  /** The app is quitting: the window must really close. */
  quitting: boolean;
}

export function decideWindowClose(input: WindowCloseInput): 'hide' | 'close' {
  if (input.quitting) return 'close';
  // A single-window macOS app (Mail, Slack) hides its window on close and stays in the Dock, tray or not.
  if (input.platform === 'darwin') return 'hide';
  return input.closeToTray && input.hasTray ? 'hide' : 'close';
}
