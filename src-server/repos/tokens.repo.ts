import { createHash, randomBytes } from 'node:crypto';

/** How every secret the server hands out is stored: sha256 hex, so a leaked database leaks no token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 32 random bytes, base64url: a token the server shows once. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}
