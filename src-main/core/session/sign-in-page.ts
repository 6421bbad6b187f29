import type { SignInOutcome } from '../core-types.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page the browser shows when it comes back from the identity provider: signed in (the tab can close)
 * or why not (the web host links back to the app). Static, no script: served under a CSP that allows only
 * inline style.
 */
export function signInPage(outcome: SignInOutcome, options: { backTo?: string } = {}): string {
  const back = options.backTo
    ? `<p><a href="${escapeHtml(options.backTo)}">Back to Kith</a></p>`
    : '<p>Go back to Kith to try again.</p>';
  const [title, body] = outcome.ok
    ? ['You are signed in to Kith', '<p>You can close this tab and go back to Kith.</p>']
    : ['Kith could not sign you in', `<p>${escapeHtml(outcome.message)}</p>${back}`];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.4rem}</style></head>
<body><h1>${title}</h1>${body}</body></html>
`;
}
