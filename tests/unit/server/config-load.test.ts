import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '#server/cli-args';
import { CONFIG_KEYS } from '#server/config/config-keys';
import { loadServerConfig } from '#server/config/load-config';
import { makeTempDir } from '../../support/temp-dir.ts';

const FULL = `
publicUrl: https://kith.example.com
dataDir: state
host: 0.0.0.0
port: 9000
oidc:
  issuer: https://login.example.com/tenant/v2.0
  clientId: kith-desktop
  providerName: Example Corp
  scopes: [openid, email]
  personClaim: oid
  allowedEmailDomains: [example.com]
  redirectPort: 53682
  clockToleranceSeconds: 30
scim:
  enabled: true
`;

describe('loadServerConfig', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    await mkdir(join(dir.path, 'etc'));
    file = join(dir.path, 'etc', 'kith-server.yaml');
  });
  afterEach(() => dir.remove());

  const load = async (yaml: string | undefined, env: Record<string, string> = {}) => {
    if (yaml !== undefined) await writeFile(file, yaml);
    return loadServerConfig({ file: yaml === undefined ? undefined : file, env, cwd: '/srv/kith' });
  };
  const refusal = (yaml: string | undefined, env: Record<string, string> = {}) =>
    load(yaml, env).then(
      () => 'accepted',
      (err: Error) => `${err.name}: ${err.message}`,
    );

  it('defaults to ./data on 127.0.0.1:8787, no OIDC, no SCIM', async () => {
    expect(await load(undefined)).toEqual({
      dataDir: '/srv/kith/data',
      host: '127.0.0.1',
      port: 8787,
      scim: { enabled: false },
    });
  });

  it('reads every key of a file; a relative data folder is relative to the file', async () => {
    expect(await load(FULL)).toEqual({
      publicUrl: 'https://kith.example.com',
      dataDir: join(dir.path, 'etc', 'state'),
      host: '0.0.0.0',
      port: 9000,
      oidc: {
        issuer: 'https://login.example.com/tenant/v2.0',
        clientId: 'kith-desktop',
        providerName: 'Example Corp',
        scopes: ['openid', 'email'],
        personClaim: 'oid',
        allowedEmailDomains: ['example.com'],
        redirectPort: 53682,
        clockToleranceSeconds: 30,
      },
      scim: { enabled: true },
    });
  });

  it('sets every key from KITH_ variables alone, and they override the file key by key', async () => {
    const env = {
      KITH_PUBLIC_URL: 'https://kith.internal',
      KITH_DATA_DIR: 'var/kith',
      KITH_HOST: '::',
      KITH_PORT: '8080',
      KITH_OIDC_ISSUER: 'https://idp.example.com',
      KITH_OIDC_CLIENT_ID: 'abc',
      KITH_OIDC_PROVIDER_NAME: 'Okta',
      KITH_OIDC_SCOPES: 'openid, profile,email',
      KITH_OIDC_PERSON_CLAIM: 'sub',
      KITH_OIDC_ALLOWED_EMAIL_DOMAINS: 'example.com,example.org',
      KITH_OIDC_REDIRECT_PORT: '4000',
      KITH_OIDC_CLOCK_TOLERANCE_SECONDS: '10',
      KITH_SCIM_ENABLED: 'yes',
    };
    expect(CONFIG_KEYS.map((k) => k.env).sort()).toEqual(Object.keys(env).sort());
    const expected = {
      publicUrl: 'https://kith.internal',
      dataDir: '/srv/kith/var/kith',
      host: '::',
      port: 8080,
      oidc: {
        issuer: 'https://idp.example.com',
        clientId: 'abc',
        providerName: 'Okta',
        scopes: ['openid', 'profile', 'email'],
        personClaim: 'sub',
        allowedEmailDomains: ['example.com', 'example.org'],
        redirectPort: 4000,
        clockToleranceSeconds: 10,
      },
      scim: { enabled: true },
    };
    expect(await load(undefined, env)).toEqual(expected);
    expect(await load(FULL, env)).toEqual(expected);
    expect(await load(FULL, { KITH_OIDC_CLIENT_ID: 'other', KITH_SCIM_ENABLED: 'false' })).toMatchObject({
      oidc: { clientId: 'other', issuer: 'https://login.example.com/tenant/v2.0', personClaim: 'oid' },
      scim: { enabled: false },
    });
  });

  it.each([
    [
      'oidc:\n  issuer: login.example.com\n  clientId: x\n',
      {},
      'ConfigError: oidc.issuer: must be an http(s) URL (kith-server.yaml line 2)',
    ],
    [
      undefined,
      { KITH_OIDC_ISSUER: 'ftp://x' },
      'ConfigError: oidc.issuer: must be an http(s) URL (from KITH_OIDC_ISSUER)',
    ],
    [
      'oidc:\n  issuer: http://login.example.com\n  clientId: x\n',
      {},
      'ConfigError: oidc.issuer: must be an https URL (http only for 127.0.0.1, localhost or [::1]) (kith-server.yaml line 2)',
    ],
    [
      undefined,
      { KITH_OIDC_ISSUER: 'https://idp.example.com' },
      'ConfigError: oidc.clientId: is required (oidc is configured by KITH_OIDC_ISSUER)',
    ],
    [
      'oidc:\n  issuer: https://idp.example.com\n  clientld: x\n',
      {},
      'ConfigError: oidc.clientld: unknown key (kith-server.yaml line 3)',
    ],
    ['publicURL: https://x\n', {}, 'ConfigError: publicURL: unknown key (kith-server.yaml line 1)'],
    ['port: "80a"\n', {}, 'ConfigError: port: must be a number (kith-server.yaml line 1)'],
    [
      undefined,
      { KITH_PORT: '80a' },
      "ConfigError: port: must be a whole number, not '80a' (from KITH_PORT)",
    ],
    [undefined, { KITH_PORT: '70000' }, 'ConfigError: port: must be at most 65535 (from KITH_PORT)'],
    [
      undefined,
      { KITH_SCIM_ENABLED: 'maybe' },
      "ConfigError: scim.enabled: must be true or false, not 'maybe' (from KITH_SCIM_ENABLED)",
    ],
    [
      undefined,
      { KITH_OIDC_ISSUER: 'https://i', KITH_OIDC_CLIENT_ID: 'c', KITH_OIDC_PERSON_CLAIM: 'upn' },
      'ConfigError: oidc.personClaim: must be one of email, oid, sub (from KITH_OIDC_PERSON_CLAIM)',
    ],
    [
      undefined,
      { KITH_OIDC_ISUER: 'https://i' },
      'ConfigError: KITH_OIDC_ISUER: unknown setting (the README lists every KITH_ variable)',
    ],
    [
      'port: 1\noidc: [1,\nscim: x\n',
      {},
      'ConfigError: kith-server.yaml line 3: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'port: 1\nport: 2\n',
      {},
      'ConfigError: kith-server.yaml line 2: not valid YAML: Map keys must be unique',
    ],
    [
      '- a\n- b\n',
      {},
      'ConfigError: kith-server.yaml: must be a mapping of keys such as "publicUrl: https://…" (see the README)',
    ],
  ])('refuses %j %j in one line naming the key', async (yaml, env, message) => {
    expect(await refusal(yaml, env)).toBe(message);
  });

  it('ignores other KITH_ variables and empty ones', async () => {
    expect(
      await load(undefined, { KITH_BENCH_QUICK: '1', KITH_PORT: '', KITH_OIDC_ISSUER: ' ' }),
    ).toMatchObject({
      port: 8787,
    });
  });

  it('names a config file it cannot read', () => {
    expect(() => loadServerConfig({ file: join(dir.path, 'missing.yaml'), env: {}, cwd: '/' })).toThrow(
      /^--config: cannot read .*missing\.yaml/,
    );
  });
});

describe('parseCliArgs with a config file', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir();
    await writeFile(join(dir.path, 'kith.yaml'), FULL);
  });
  afterEach(() => dir.remove());

  it('passes oidc and scim on; flags beat the environment, which beats the file', () => {
    const options = parseCliArgs(['--config', 'kith.yaml', '--port', '0'], dir.path, {
      KITH_HOST: '127.0.0.2',
    });
    expect(options).toMatchObject({
      dbFile: join(dir.path, 'state', 'kith-server.db'),
      host: '127.0.0.2',
      port: 0,
      oidc: { clientId: 'kith-desktop', personClaim: 'oid' },
      scim: true,
    });
    expect(
      parseCliArgs(['--data', 'here'], dir.path, { KITH_CONFIG: 'kith.yaml', KITH_DATA_DIR: '/x' }).dbFile,
    ).toBe(join(dir.path, 'here', 'kith-server.db'));
    expect(parseCliArgs([], dir.path, { KITH_CONFIG: 'kith.yaml', KITH_DATA_DIR: '/x' }).dbFile).toBe(
      '/x/kith-server.db',
    );
  });

  it('accepts an http issuer on a loopback address only', async () => {
    for (const issuer of ['http://127.0.0.1:9999', 'http://localhost/x', 'http://[::1]:80/']) {
      expect(
        parseCliArgs([], dir.path, { KITH_OIDC_ISSUER: issuer, KITH_OIDC_CLIENT_ID: 'a' }).oidc,
      ).toMatchObject({
        issuer,
      });
    }
  });

  it('refuses --demo beside a company configuration, from the file or the environment', () => {
    const refusal = (args: string[], env: Record<string, string>) => {
      try {
        parseCliArgs(args, dir.path, env);
        return 'accepted';
      } catch (err) {
        return `${(err as Error).name}: ${(err as Error).message}`;
      }
    };
    const line =
      'ConfigError: --demo cannot run with a company configuration (oidc or scim is set): demo sign-in lets anyone sign in as anyone';
    expect(refusal(['--demo', 'S', '--config', 'kith.yaml'], {})).toBe(line);
    expect(refusal(['--demo', 'S'], { KITH_SCIM_ENABLED: 'true' })).toBe(line);
    expect(
      refusal(['--demo', 'S'], { KITH_OIDC_ISSUER: 'https://idp.example.com', KITH_OIDC_CLIENT_ID: 'a' }),
    ).toBe(line);
  });

  it('keeps a demo server exactly as before when there is no config', () => {
    expect(parseCliArgs(['--demo', 'S', '--port', '0'], '/srv', {})).toEqual({
      dbFile: '/srv/data/kith-server.db',
      host: '127.0.0.1',
      port: 0,
      logger: false,
      demo: { size: 'S', seed: 1 },
    });
  });
});
