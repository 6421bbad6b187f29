import { describeError } from '#shared/errors';
import { USAGE } from '../cli-args.ts';
import { ConfigError, CONFIG_EXIT_CODE } from '../config/config-error.ts';
import type { AdminCommand, CommandContext } from './command-context.ts';
import { importPeopleCommand } from './import-people-command.ts';
import { tokensCommand } from './tokens-command.ts';

/** The admin commands on the server's entry (`npm run server -- <command>`), by name. */
export const ADMIN_COMMANDS: Readonly<Record<string, AdminCommand>> = {
  tokens: tokensCommand,
  'import-people': importPeopleCommand,
};

export const HELP = [
  USAGE,
  '',
  'Without a command: runs the server. Settings come from, strongest first: the flags, KITH_… environment',
  'variables, the --config file (or KITH_CONFIG), the defaults.',
  '',
  'Admin commands (each opens the server database named by --config / --data / KITH_DATA_DIR):',
  '  tokens create --scim [--name <label>]   create a SCIM provisioning token (shown once)',
  '  tokens list                             list provisioning tokens (never the tokens themselves)',
  '  tokens revoke <id>                      revoke one',
  '  import-people <file.csv> [--dry-run] [--deactivate-missing]   import an HR CSV export',
  'Add --help to a command for its details.',
].join('\n');

/** True when the command line names an admin command (or asks for help) rather than starting the server. */
export function isAdminCommandLine(args: readonly string[]): boolean {
  const first = args[0];
  return first !== undefined && (!first.startsWith('-') || first === '--help' || first === '-h');
}

/** Runs one admin command line; returns the exit code. Wrong usage and settings: 2; a failure: 1. */
export async function runAdminCommand(args: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = args;
  if (name === 'help' || name === '--help' || name === '-h') {
    context.out(HELP);
    return 0;
  }
  const command = name === undefined ? undefined : ADMIN_COMMANDS[name];
  if (!command) {
    context.err(`kith-server: unknown command '${name}' (${Object.keys(ADMIN_COMMANDS).join(', ')}, help)`);
    return CONFIG_EXIT_CODE;
  }
  try {
    return await command(rest, context);
  } catch (err) {
    if (err instanceof ConfigError) {
      context.err(`kith-server: ${err.message}`);
      return CONFIG_EXIT_CODE;
    }
    context.err(`kith-server: ${name} failed: ${describeError(err)}`);
    return 1;
  }
}
