import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { rendererContentSecurityPolicy, RENDERER_MIME_TYPES } from '#shared/security/renderer-policy';

const HTML_TYPE = 'text/html; charset=utf-8';

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': rendererContentSecurityPolicy(`ws://127.0.0.1:${port}`),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** Puts the bridge's classic script before the app's module script, so window.api exists when the app runs. */
export function injectBridge(html: string, bridgePath: string): string {
  const tag = `<script src="${bridgePath}"></script>`;
  const moduleScript = html.search(/<script\b[^>]*type="module"/);
  if (moduleScript === -1) return html.replace('</head>', `  ${tag}\n  </head>`);
  return `${html.slice(0, moduleScript)}${tag}\n    ${html.slice(moduleScript)}`;
}

/** A file under `root`, or null for anything that is not one (no traversal, no directories, no dotfiles). */
async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const file = resolve(root, `.${decoded}`);
  if (!file.startsWith(root + sep)) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

export interface StaticOptions {
  root: string;
  port: () => number;
  indexHtml: () => Promise<string>;
  extra: Record<string, { type: string; body: () => string }>;
}

export function createStaticHandler(options: StaticOptions) {
  const root = resolve(options.root);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = securityHeaders(options.port());
    const send = (status: number, type: string, body: string | Buffer, cache = 'no-store') => {
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(405, 'text/plain; charset=utf-8', 'Method not allowed');
    }
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname === '/' || pathname === '/index.html') {
      return send(200, HTML_TYPE, await options.indexHtml());
    }
    const extra = options.extra[pathname];
    if (extra) return send(200, extra.type, extra.body());
    const file = await resolveFile(root, pathname);
    if (!file) return send(404, 'text/plain; charset=utf-8', 'Not found');
    const type = RENDERER_MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const cache = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return send(200, type, await readFile(file), cache);
  };
}
