import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeError } from '#shared/errors';
import { ConfigError } from '../config/config-error.ts';

/** What an admin command writes to and reads its settings from; tests pass their own. */
export interface CommandContext {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** An admin command: its arguments after its name, and its exit code (0 ok, 1 failed, 2 wrong usage). */
export type AdminCommand = (args: readonly string[], context: CommandContext) => Promise<number>;

/** The flags every command takes to find the server's database. */
export const DATABASE_OPTIONS = {
  config: { type: 'string' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const DATABASE_USAGE = '[--config kith-server.yaml] [--data ./data]';

/** node:util parseArgs whose refusal is a ConfigError (exit 2) carrying the command's usage. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: O,
  usage: string,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new ConfigError(`${describeError(err)}\n${usage}`);
  }
}
