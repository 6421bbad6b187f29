import { describeError } from '#shared/errors';
import { parseCliArgs } from './cli-args.ts';
import { isAdminCommandLine, runAdminCommand } from './cli/run-command.ts';
import { ConfigError, CONFIG_EXIT_CODE } from './config/config-error.ts';
import { startServer, type StartServerOptions } from './server.ts';

/** Present when this process was started with Electron's utilityProcess.fork. */
interface ParentPort {
  postMessage(message: unknown): void;
}

const args = process.argv.slice(2);

async function serve() {
  let options: StartServerOptions;
  try {
    options = parseCliArgs(args);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // One line naming the setting (and the usage after a bad flag); exit 2: misconfigured, not crashed.
    process.stderr.write(`kith-server: ${err.message}\n`);
    process.exit(CONFIG_EXIT_CODE);
  }
  const server = await startServer(options);
  // Parsed by the web host and the Electron demo launcher: keep it exactly one line, exactly this shape.
  process.stdout.write(`KITH_SERVER_READY ${server.url}\n`);
  const demo = options.demo ? `, demo org ${options.demo.size} (seed ${options.demo.seed})` : '';
  process.stdout.write(`Kith server listening on ${server.url} (data: ${options.dbFile}${demo})\n`);
  (process as { parentPort?: ParentPort }).parentPort?.postMessage({ type: 'ready', url: server.url });

  const shutdown = (signal: string) => {
    process.stdout.write(`Kith server stopping (${signal})\n`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Kith server failed to close: ${describeError(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

async function runCommand() {
  const code = await runAdminCommand(args, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    env: process.env,
  });
  process.exitCode = code;
}

(isAdminCommandLine(args) ? runCommand() : serve()).catch((err: unknown) => {
  process.stderr.write(`Kith server could not start: ${describeError(err)}\n`);
  process.exit(1);
});
