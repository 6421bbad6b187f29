import { ApiError } from '#shared/wire/auth';

/** The error replies a route documents; every one has the ApiError shape. */
export const PUBLIC_ERRORS = { 400: ApiError, 404: ApiError, 500: ApiError } as const;
export const SIGNED_IN_ERRORS = { 400: ApiError, 401: ApiError, 500: ApiError } as const;
