import type { KithApi } from '#shared/ipc/contract';

/** The only way the renderer reaches the core. Read lazily so a missing bridge shows an error, not a crash at load. */
export function getApi(): KithApi {
  const api = (window as { api?: KithApi }).api;
  if (!api) throw new Error('Kith cannot reach its data: the app bridge (window.api) is missing.');
  return api;
}
