import type { UpdateStatus } from '#shared/domain/updates';
import { formatAgo } from './format.ts';

export interface UpdateStatusWords {
  title: string;
  detail: string | null;
  /** off: disabled or never checked; ok: up to date. */
  tone: 'off' | 'ok' | 'busy' | 'ready' | 'error';
}

/** The update status in words, for the Settings screen. */
export function describeUpdateStatus(status: UpdateStatus, now: number): UpdateStatusWords {
  const checked = (at: number | null) => (at === null ? null : `Last checked ${formatAgo(at, now)}`);
  switch (status.state) {
    case 'disabled':
      return { title: 'Automatic updates are off', detail: status.reason, tone: 'off' };
    case 'idle':
      return status.checkedAt === null
        ? { title: 'Not checked for updates yet', detail: null, tone: 'off' }
        : { title: 'Kith is up to date', detail: checked(status.checkedAt), tone: 'ok' };
    case 'checking':
      return { title: 'Checking for updates…', detail: checked(status.checkedAt), tone: 'busy' };
    case 'downloading':
      return {
        title: `Downloading Kith ${status.version}${status.percent === null ? '…' : ` — ${Math.floor(status.percent)}%`}`,
        detail: 'It installs when you restart Kith',
        tone: 'busy',
      };
    case 'ready':
      return {
        title: `Kith ${status.version} is ready to install`,
        detail: 'Restart to update, or it installs the next time you quit Kith',
        tone: 'ready',
      };
    case 'error':
      return { title: 'Could not check for updates', detail: status.message, tone: 'error' };
  }
}
