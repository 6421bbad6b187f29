import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '#shared/errors';
import { ConfigError } from './config/config-error.ts';
import { loadServerConfig } from './config/load-config.ts';
import type { ServerConfig } from './config/server-config.ts';
import { DEFAULT_DEMO_SEED, ORG_SIZES, type OrgSize } from './demo/generate-org.ts';
import type { StartServerOptions } from './server.ts';

export const DB_FILE_NAME = 'kith-server.db';

export const USAGE =
  'Usage: kith-server [--config kith-server.yaml] [--port 8787] [--host 127.0.0.1] [--data ./data] [--demo S|M|L|<n>] [--seed <n>] [--people-only] [--no-connections]\n' +
  '       kith-server <tokens|import-people|help> … (kith-server help lists the admin commands)';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the configuration comes from: the --config / --data flags of any command, and the environment. */
export interface ConfigFlags {
  config?: string | undefined;
  data?: string | undefined;
}

/**
 * The configuration and the database file the flags and environment name. Precedence, key by key: a flag
 * (--data, --host, --port) over a KITH_… variable over the config file (--config, else KITH_CONFIG) over the
 * defaults. The admin commands use this too, so they open the very database the server does.
 */
export function loadConfig(
  flags: ConfigFlags,
  cwd: string,
  env: Env,
): { config: ServerConfig; dbFile: string } {
  const file = flags.config ?? (env.KITH_CONFIG?.trim() || undefined);
  const config = loadServerConfig({ file: file === undefined ? undefined : resolve(cwd, file), env, cwd });
  const dataDir = flags.data === undefined ? config.dataDir : resolve(cwd, flags.data);
  return { config, dbFile: resolve(dataDir, DB_FILE_NAME) };
}

/** Turns the server's command line, config file and environment into startServer options. */
export function parseCliArgs(
  args: readonly string[],
  cwd = process.cwd(),
  env: Env = process.env,
): StartServerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        demo: { type: 'string' },
        seed: { type: 'string' },
        /** A demo org without communities: benchmarks compare bootstrap with a people-only raw insert. */
        'people-only': { type: 'boolean' },
        /** A demo org whose people have recorded no connections yet: tests of your own connections start from none. */
        'no-connections': { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new ConfigError(`${describeError(err)}\n${USAGE}`);
  }
  const port = values.port === undefined ? undefined : wholeNumber('--port', values.port, 0, 65535);
  if (
    (values.seed !== undefined || values['people-only'] || values['no-connections']) &&
    values.demo === undefined
  ) {
    throw new ConfigError('--seed, --people-only and --no-connections only make sense with --demo');
  }
  const demo =
    values.demo === undefined
      ? undefined
      : {
          size: parseOrgSize(values.demo),
          seed:
            values.seed === undefined
              ? DEFAULT_DEMO_SEED
              : wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1),
          ...(values['people-only'] && { communities: false }),
          ...(values['no-connections'] && { connections: false }),
        };
  const { config, dbFile } = loadConfig(values, cwd, env);
  if (demo && (config.oidc || config.scim.enabled)) {
    // Demo sign-in is passwordless sign-in as anyone: never beside a company's directory or identity provider.
    throw new ConfigError(
      '--demo cannot run with a company configuration (oidc or scim is set): demo sign-in lets anyone sign in as anyone',
    );
  }
  return {
    dbFile,
    host: values.host ?? config.host,
    port: port ?? config.port,
    logger: false,
    ...(demo && { demo }),
    ...(config.oidc && { oidc: config.oidc }),
    ...(config.scim.enabled && { scim: true }),
    ...(config.publicUrl && { publicUrl: config.publicUrl }),
  };
}

function parseOrgSize(text: string): OrgSize {
  const upper = text.toUpperCase();
  if (upper in ORG_SIZES) return upper as keyof typeof ORG_SIZES;
  return wholeNumber('--demo', text, 1, 10_000_000);
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new ConfigError(`${flag} takes a whole number from ${min} to ${max}, not '${text}'`);
  }
  return n;
}
