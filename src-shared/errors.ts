/** Error codes that cross a boundary (IPC, REST); each comes with a message a person can read. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'unauthorized',
  'forbidden',
  /** The request clashes with what the server already holds (a notes key set up by another device). */
  'conflict',
  /** The server no longer knows a sync cursor (its data was restored or rebuilt): bootstrap again. */
  'cursor_reset',
  'offline',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class KithError extends Error {
  override name = 'KithError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
