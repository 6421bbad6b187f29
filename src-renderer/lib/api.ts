import type { KithApi } from '#shared/ipc/contract';
import { unwrapResult, type IpcResult } from '#shared/ipc/result';

type BridgedMethod = (input?: unknown) => Promise<IpcResult>;

let client: KithApi | null = null;

/**
 * The only way the renderer reaches the core: window.api with each result unwrapped, so a failed call
 * rejects with an Error whose name is the error code ('not_found', 'offline', …). Read lazily so a missing
 * bridge shows an error, not a crash at load.
 */
export function getApi(): KithApi {
  if (client) return client;
  const bridge = window.api;
  if (!bridge) throw new Error('Kith cannot reach its data: the app bridge (window.api) is missing.');
  const unwrapped: Record<string, unknown> = { on: bridge.on };
  for (const [area, methods] of Object.entries(bridge)) {
    if (area === 'on') continue;
    unwrapped[area] = Object.fromEntries(
      Object.entries(methods as Record<string, BridgedMethod>).map(([name, call]) => [
        name,
        async (input?: unknown) => unwrapResult(await call(input)),
      ]),
    );
  }
  client = unwrapped as unknown as KithApi;
  return client;
}
