import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { protocol } from 'electron';
import { rendererContentSecurityPolicy, RENDERER_MIME_TYPES } from '#shared/security/renderer-policy';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

/** Sent with every page and asset. */
export const CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy();

/** Must run before app 'ready': a standard, secure scheme gets an origin, relative URLs, storage and fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves out/renderer at app://kith/ (on the default session, which the main window uses). */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request));
}

async function serveRendererFile(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return textResponse(404, 'Not found');

  const filePath = resolveInside(rendererDir, url.pathname);
  if (!filePath) return textResponse(400, 'Bad path');

  const file = (await isFile(filePath))
    ? filePath
    : // Routing is by hash, so any other extensionless path is the app shell; a missing asset stays a 404.
      extname(filePath) === ''
      ? join(rendererDir, 'index.html')
      : null;
  if (!file) return textResponse(404, 'Not found');

  const body = await readFile(file);
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: {
      ...securityHeaders(),
      'Content-Type': RENDERER_MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    },
  });
}

/** The file a URL path names, or null if it would leave root (encoded "..", "%2F", backslashes, NUL). */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const candidate = join(root, decoded === '/' ? 'index.html' : decoded);
  const rel = relative(root, candidate);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return candidate;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
