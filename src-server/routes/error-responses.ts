import { ApiError } from '#shared/wire/auth';

/** The sign-in routes' bodies hold one token (an ID token is at most 20,000 characters): refuse more early. */
export const AUTH_BODY_LIMIT_BYTES = 32 * 1024;

/** The error replies a route documents; every one has the ApiError shape. */
export const PUBLIC_ERRORS = { 400: ApiError, 404: ApiError, 500: ApiError } as const;
export const SIGNED_IN_ERRORS = { 400: ApiError, 401: ApiError, 500: ApiError } as const;
/** The sync routes also answer 410 cursor_reset to a cursor this server never handed out. */
export const SYNC_ERRORS = { ...SIGNED_IN_ERRORS, 410: ApiError } as const;
