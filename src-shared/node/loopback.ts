/** Host names that reach this machine only. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const isLoopbackUrl = (url: URL): boolean => LOOPBACK_HOSTS.has(url.hostname);

/**
 * https, or http to this machine only (tests, a local identity provider): what decides who may sign in (an
 * issuer's discovery document and keys, its sign-in pages) never travels in the clear over a network.
 */
export function isHttpsOrLoopback(url: string | URL): boolean {
  const parsed = typeof url === 'string' ? (URL.canParse(url) ? new URL(url) : null) : url;
  if (!parsed) return false;
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackUrl(parsed));
}
