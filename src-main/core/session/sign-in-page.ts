import type { SignInOutcome } from '../core-types.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page the browser shows when it comes back from the identity provider: signed in (the tab can close)
 * or why not. Static, no script: the loopback listener serves it under a CSP that allows only inline style.
 */
export function signInPage(outcome: SignInOutcome): string {
  const [title, body] = outcome.ok
    ? ['You are signed in to Kith', 'You can close this tab and go back to Kith.']
    : ['Kith could not sign you in', `${escapeHtml(outcome.message)} Go back to Kith to try again.`];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.4rem}</style></head>
<body><h1>${title}</h1><p>${body}</p></body></html>
`;
}
