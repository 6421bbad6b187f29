import type { ProgressInfo, UpdateCheckResult } from 'electron-updater';
import type { UpdateChannel } from '#shared/domain/settings';
import type { UpdateStatus } from '#shared/domain/updates';
import { KithError } from '#shared/errors';
import type { EmitEvent } from '../events.ts';

/** The part of electron-updater's AppUpdater the service drives (its autoUpdater satisfies it). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  /** Resolves null when the updater is inactive (not a packaged build, or an AppImage run without APPIMAGE). */
  checkForUpdates(): Promise<UpdateCheckResult | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (progress: ProgressInfo) => void): unknown;
  removeListener(event: 'download-progress', listener: (progress: ProgressInfo) => void): unknown;
}

export interface UpdateServiceOptions {
  updater: Updater | null;
  /** Why checks are off right now (development, the demo organization, no updater), or null when they may run. Read before every check. */
  disabledReason: () => string | null;
  channel: UpdateChannel;
  /** Says 'updates.status' at each change of status. */
  emit: EmitEvent;
  now?: () => number;
  /** Default 6 hours. */
  intervalMs?: number;
}

export interface UpdateService {
  /** Checks at once (unless disabled), then every intervalMs. */
  start(): void;
  stop(): void;
  getStatus(): UpdateStatus;
  /** Checks now; resolves with the status it ends in (ready/downloading/idle/error/disabled). Joins a check under way. */
  checkNow(): Promise<UpdateStatus>;
  /** Quits and installs; throws a clear Error unless an update is ready. */
  restart(): void;
  /** The update channel may have changed (any settings change calls this): on a change, checks again if running. */
  setChannel(channel: UpdateChannel): void;
  /** disabledReason may have changed (signed in to / out of the demo): re-evaluate, emit status, start or stop the schedule. */
  refresh(): void;
}

const SIX_HOURS_MS = 6 * 60 * 60 * 1000;
const NO_UPDATER = 'This build cannot update itself.';
const INACTIVE =
  'The updater is inactive in this installation (not a packaged build, or not run as an AppImage).';

/**
 * The app's own updates, decided here so the shell only hands electron-updater in. A check reads
 * `<channel>-linux.yml` (`-mac`, or none on Windows) from the feed; electron-updater itself applies the
 * release's stagingPercentage, so a user outside the rollout sees "up to date". A newer version downloads
 * in the background and stays ready until the user restarts (or quits: it installs then). Failures become
 * the 'error' status and the next scheduled check tries again.
 */
export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const { updater, emit } = options;
  const onStatus = (next: UpdateStatus) => emit('updates.status', next);
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? SIX_HOURS_MS;

  let channel = options.channel;
  let checkedAt: number | null = null;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<UpdateStatus> | null = null;
  let status: UpdateStatus = initialStatus();

  if (updater) {
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    applyChannel(updater, channel);
  }

  function disabledReason(): string | null {
    return options.disabledReason() ?? (updater ? null : NO_UPDATER);
  }

  function initialStatus(): UpdateStatus {
    const reason = disabledReason();
    return reason === null ? { state: 'idle', checkedAt: null } : { state: 'disabled', reason };
  }

  function setStatus(next: UpdateStatus) {
    status = next;
    onStatus(next);
  }

  /** Downloading and ready describe what the updater holds, whatever the schedule: they are not replaced. */
  function busy() {
    return status.state === 'downloading' || status.state === 'ready';
  }

  function schedule() {
    if (timer !== undefined) return;
    timer = setInterval(() => void checkNow(), intervalMs);
    timer.unref();
  }

  function unschedule() {
    clearInterval(timer);
    timer = undefined;
  }

  async function check(active: Updater): Promise<UpdateStatus> {
    setStatus({ state: 'checking', checkedAt });
    let result: UpdateCheckResult | null;
    try {
      result = await active.checkForUpdates();
    } catch (error) {
      checkedAt = now();
      return fail(error);
    }
    checkedAt = now();
    if (result === null) {
      setStatus({ state: 'disabled', reason: INACTIVE });
    } else if (!result.isUpdateAvailable || !result.downloadPromise) {
      setStatus({ state: 'idle', checkedAt });
    } else {
      follow(active, result.updateInfo.version, result.downloadPromise);
    }
    return status;
  }

  /** Reports the background download's progress and outcome; checkNow does not wait for it. */
  function follow(active: Updater, version: string, download: Promise<string[]>) {
    const onProgress = (progress: ProgressInfo) => {
      if (status.state !== 'downloading') return;
      setStatus({ state: 'downloading', version, percent: Math.min(100, Math.max(0, progress.percent)) });
    };
    active.on('download-progress', onProgress);
    setStatus({ state: 'downloading', version, percent: null });
    void download
      .then(
        () => setStatus({ state: 'ready', version }),
        (error: unknown) => fail(error),
      )
      .finally(() => active.removeListener('download-progress', onProgress));
  }

  function fail(error: unknown): UpdateStatus {
    setStatus({ state: 'error', message: describeUpdateError(error), checkedAt });
    return status;
  }

  function checkNow(): Promise<UpdateStatus> {
    if (checking) return checking;
    if (busy()) return Promise.resolve(status);
    const reason = disabledReason();
    if (reason !== null || !updater) {
      setStatus({ state: 'disabled', reason: reason ?? NO_UPDATER });
      return Promise.resolve(status);
    }
    checking = check(updater).finally(() => {
      checking = null;
    });
    return checking;
  }

  function refresh() {
    const reason = disabledReason();
    if (reason !== null) {
      unschedule();
      if (!busy()) status = { state: 'disabled', reason };
    } else if (status.state === 'disabled') {
      status = { state: 'idle', checkedAt };
    }
    onStatus(status);
    if (reason === null && running && timer === undefined) {
      schedule();
      void checkNow();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      refresh();
    },
    stop() {
      running = false;
      unschedule();
    },
    getStatus: () => status,
    checkNow,
    restart() {
      if (status.state !== 'ready' || !updater) {
        throw new KithError('unavailable', `No update is ready to install (the updater is ${status.state}).`);
      }
      // Silent install, then run the new version: the user asked to restart, not to walk through an installer.
      updater.quitAndInstall(true, true);
    },
    setChannel(next) {
      if (!updater || next === channel) return;
      channel = next;
      applyChannel(updater, channel);
      if (running) void checkNow();
    },
    refresh,
  };
}

/**
 * electron-updater's generic provider reads `<channel>-linux.yml`: 'latest' for stable, 'beta' for beta.
 * Setting the channel turns allowDowngrade on; it is turned back off because the local store's migrations
 * only go forward, so an older build must never be installed over a newer one (a beta user who moves to
 * stable stays on the beta until a stable release overtakes it).
 */
function applyChannel(updater: Updater, channel: UpdateChannel) {
  updater.channel = channel === 'beta' ? 'beta' : 'latest';
  updater.allowPrerelease = channel === 'beta';
  updater.allowDowngrade = false;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** electron-updater's errors carry stack traces and response headers; a person gets one sentence. */
function describeUpdateError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, statusCode } = error as Error & { code?: unknown; statusCode?: unknown };
  const firstLine = error.message.split('\n', 1)[0] ?? '';
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') {
    const file = /"([^"]+)"/.exec(firstLine)?.[1] ?? 'update feed';
    return `The update server has no ${file} (HTTP 404).`;
  }
  if (typeof statusCode === 'number') return `The update server answered HTTP ${statusCode}.`;
  const download = /^Cannot download ".*", status (\d+)/.exec(firstLine);
  if (download) return `The update download failed (HTTP ${download[1]}).`;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return `The update server could not be reached (${code}).`;
  }
  if (firstLine.startsWith('net::ERR_')) return `The update server could not be reached (${firstLine}).`;
  if (code === 'ERR_UPDATER_INVALID_UPDATE_INFO') return 'The update feed could not be read (invalid YAML).';
  if (code === 'ERR_UPDATER_INVALID_VERSION') return 'The update feed names no valid version.';
  if (code === 'ERR_CHECKSUM_MISMATCH')
    return 'The downloaded update failed its sha512 check and was discarded.';
  return firstLine || 'The update check failed.';
}
