import type { ErrorCode } from '../errors.ts';

/** What crosses the IPC or WebSocket boundary: a value, or an error a person can read. */
export type IpcResult<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export function unwrapResult<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  const err = new Error(result.error.message);
  err.name = result.error.code;
  throw err;
}
