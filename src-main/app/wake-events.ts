import { net, powerMonitor } from 'electron';
import { createOnlineWatch } from '#core/desktop/online-watch';

/**
 * Calls wake when the computer resumes from sleep, the screen is unlocked, or the network comes back (the main
 * process has no 'online' event, so net.isOnline() is polled). Returns the disposer.
 */
export function watchWakeEvents(wake: () => void): () => void {
  const onlineWatch = createOnlineWatch({ isOnline: () => net.isOnline(), onBackOnline: wake });
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);
  onlineWatch.start();
  return () => {
    onlineWatch.stop();
    powerMonitor.off('resume', wake);
    powerMonitor.off('unlock-screen', wake);
  };
}
