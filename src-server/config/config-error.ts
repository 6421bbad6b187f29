/**
 * A wrong start-up setting (a flag, the config file, an environment variable). Its message is one line that
 * names the setting; main prints it after `kith-server: ` and exits 2, so scripts and service managers can
 * tell a misconfiguration from a crash (exit 1).
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The exit code of a wrong setting or command line. */
export const CONFIG_EXIT_CODE = 2;
