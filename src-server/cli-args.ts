import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KithError } from '#shared/errors';
import { DEFAULT_DEMO_SEED, ORG_SIZES, type OrgSize } from './demo/generate-org.ts';
import type { StartServerOptions } from './server.ts';

export const DEFAULT_PORT = 8787;
export const DB_FILE_NAME = 'kith-server.db';

export const USAGE =
  'Usage: kith-server [--port 8787] [--host 127.0.0.1] [--data ./data] [--demo S|M|L|<n>] [--seed <n>] [--people-only] [--no-connections]';

/** Turns command-line flags into startServer options; relative paths resolve against `cwd`. */
export function parseCliArgs(args: readonly string[], cwd = process.cwd()): StartServerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
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
    throw new KithError('invalid_input', `${(err as Error).message}\n${USAGE}`);
  }
  const port = values.port === undefined ? DEFAULT_PORT : wholeNumber('--port', values.port, 0, 65535);
  if (
    (values.seed !== undefined || values['people-only'] || values['no-connections']) &&
    values.demo === undefined
  ) {
    throw new KithError(
      'invalid_input',
      '--seed, --people-only and --no-connections only make sense with --demo',
    );
  }
  return {
    dbFile: resolve(cwd, values.data ?? 'data', DB_FILE_NAME),
    host: values.host ?? '127.0.0.1',
    port,
    logger: false,
    ...(values.demo !== undefined && {
      demo: {
        size: parseOrgSize(values.demo),
        seed:
          values.seed === undefined ? DEFAULT_DEMO_SEED : wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1),
        ...(values['people-only'] && { communities: false }),
        ...(values['no-connections'] && { connections: false }),
      },
    }),
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
    throw new KithError('invalid_input', `${flag} takes a whole number from ${min} to ${max}, not '${text}'`);
  }
  return n;
}
