import type { KithBridge } from '#shared/ipc/contract';

declare global {
  interface Window {
    /** The contract, exposed by the preload script (Electron) or the web bridge (web host); use getApi(). */
    readonly api: KithBridge | undefined;
  }
}
