import { describeError } from '#shared/errors';
import { parseCliArgs } from './cli-args.ts';
import { startServer } from './server.ts';

/** Present when this process was started with Electron's utilityProcess.fork. */
interface ParentPort {
  postMessage(message: unknown): void;
}

async function main() {
  const options = parseCliArgs(process.argv.slice(2));
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

main().catch((err: unknown) => {
  process.stderr.write(`Kith server could not start: ${describeError(err)}\n`);
  process.exit(1);
});
