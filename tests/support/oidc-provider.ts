/**
 * A real OpenID Provider for the tests: `oidc-provider` 8 (a certified implementation) on 127.0.0.1, on a
 * free port. Nothing here mocks the protocol; the tests talk to it exactly as the app talks to Entra ID or Okta.
 *
 * - One public client (`clientId`, default 'kith-desktop'): token_endpoint_auth_method 'none', application_type
 *   'native', authorization code only, PKCE S256 required. Its redirect URI is http://127.0.0.1/callback (and any
 *   `redirectUris` given): for a native client oidc-provider ignores the port of a loopback redirect (RFC 8252
 *   §7.3; see Client#redirectUriAllowed), so the app's listener may sit on any port. A web host's own
 *   http://127.0.0.1:<port>/callback passes for the same reason.
 * - Accounts are the ones the test declares ({sub, email, email_verified, oid, name}); the login page takes
 *   the `sub` as login and any password. Their claims go into the ID token itself (conformIdTokenClaims off),
 *   as Entra ID and Okta do, so the server can map the person from the ID token alone. `setAccount` adds or
 *   changes one later.
 * - end_session (RP-initiated logout) is on: its discovery document names end_session_endpoint.
 * - No refresh tokens: Kith issues its own session.
 * - `authorize(authorizationUrl, {login})` runs the whole browser part headlessly (fetch and a cookie jar
 *   through the provider's own login and consent pages) and returns the URL the provider redirects to, with
 *   `code` and `state` (or `error`); the test then opens it (fetch) to reach the app's redirect receiver.
 *   `{deny: true}` presses "Cancel" on the login page instead (error=access_denied).
 * - `rotateKeys()` adds a new signing key in front of the JWKS: new ID tokens are signed with it (new kid), the
 *   old key stays published. `signIdToken(claims)` signs arbitrary claims with the current key, for refusals
 *   (wrong audience, another issuer, expired) that a well-behaved provider would never issue; an `iat` or `exp`
 *   among the claims is kept, else iat is now and exp `expiresIn` from now.
 * - `stop()` closes the listener.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import Provider, { type OidcAccount } from 'oidc-provider';

export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  oid?: string;
  name?: string;
}

export interface OidcProviderOptions {
  accounts?: TestAccount[];
  clientId?: string;
  /** More registered redirect URIs (a loopback one matches on any port). */
  redirectUris?: string[];
  /** Lifetime of the ID tokens it issues, in seconds (default 3600). */
  idTokenTtl?: number;
}

export interface AuthorizeOptions {
  /** The account's `sub`, typed on the login page. */
  login?: string;
  /** Press "Cancel" on the login page instead of signing in. */
  deny?: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  setAccount(account: TestAccount): void;
  authorize(authorizationUrl: string, options: AuthorizeOptions): Promise<string>;
  rotateKeys(): Promise<void>;
  /** The kid ID tokens are signed with now. */
  currentKid(): string;
  signIdToken(claims: Record<string, unknown>, options?: { expiresIn?: string }): Promise<string>;
  stop(): Promise<void>;
}

const ACCOUNT_CLAIMS = ['email', 'email_verified', 'oid', 'name'] as const;

async function newSigningKey(index: number): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `test-key-${index}`, alg: 'RS256', use: 'sig' };
}

/** The cookies the provider sets across its redirects (names are distinct enough to ignore paths). */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    store(setCookies: string[]) {
      for (const line of setCookies) {
        const [pair = '', ...attributes] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at).trim();
        const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
        if (expired || at < 0) cookies.delete(name);
        else cookies.set(name, pair.slice(at + 1).trim());
      }
    },
  };
}

export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'kith-desktop';
  const accounts = new Map((options.accounts ?? []).map((a) => [a.sub, a]));
  const keys: JWK[] = [await newSigningKey(1)];

  const server: Server = createServer((req, res) => provider.callback()(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function build(): Provider {
    return new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          application_type: 'native',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: ['http://127.0.0.1/callback', ...(options.redirectUris ?? [])],
        },
      ],
      jwks: { keys: keys as Record<string, unknown>[] },
      findAccount: async (_ctx, sub): Promise<OidcAccount | undefined> => {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return {
          accountId: sub,
          claims: () => {
            const claims: Record<string, unknown> = { sub };
            for (const name of ACCOUNT_CLAIMS) if (account[name] !== undefined) claims[name] = account[name];
            return claims;
          },
        };
      },
      claims: { openid: ['sub', 'oid'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: false,
      cookies: { keys: ['kith-test-cookie-key'] },
      pkce: { methods: ['S256'], required: () => true },
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      ttl: {
        IdToken: options.idTokenTtl ?? 3600,
        AccessToken: 600,
        AuthorizationCode: 60,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
      },
    });
  }
  // One listener; rotating keys swaps the provider behind it (its in-memory store is shared by all instances).
  let provider = build();

  async function authorize(authorizationUrl: string, { login, deny }: AuthorizeOptions): Promise<string> {
    const jar = cookieJar();
    let url = new URL(authorizationUrl);
    let init: RequestInit = {};
    for (let step = 0; step < 20; step++) {
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
      });
      jar.store(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, url);
        if (next.origin !== issuer) return next.href;
        url = next;
        init = {};
        continue;
      }
      const html = await res.text();
      if (res.status !== 200) throw new Error(`The provider answered ${res.status}: ${html.slice(0, 500)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`No interaction form on ${url.href}: ${html.slice(0, 500)}`);
      const submit = new URL(action.replaceAll('&amp;', '&'), url);
      if (deny) {
        url = new URL(`${submit.pathname}/abort`, submit);
        init = {};
        continue;
      }
      const form = new URLSearchParams({ prompt });
      if (prompt === 'login') {
        if (!login) throw new Error('authorize() needs a login for the login page');
        form.set('login', login);
        form.set('password', 'any');
      }
      url = submit;
      init = {
        method: 'POST',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
    }
    throw new Error('The authorization flow did not end in a redirect after 20 steps');
  }

  return {
    issuer,
    clientId,
    setAccount: (account) => void accounts.set(account.sub, account),
    authorize,
    async rotateKeys() {
      keys.unshift(await newSigningKey(keys.length + 1));
      provider = build();
    },
    currentKid: () => keys[0]?.kid ?? '',
    async signIdToken(claims, { expiresIn = '1h' } = {}) {
      const jwk = keys[0];
      if (!jwk) throw new Error('No signing key');
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' });
      // An iat or exp among the claims is kept (clock-tolerance tests set them to the second).
      if (claims['iat'] === undefined) jwt.setIssuedAt();
      if (claims['exp'] === undefined) jwt.setExpirationTime(expiresIn);
      return jwt.sign(await importJWK(jwk, 'RS256'));
    },
    stop: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
