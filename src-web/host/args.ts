export interface WebHostArgs {
  /** An already-running Kith server; when absent the host starts a demo server itself. */
  server: string | null;
  port: number;
  /** The core's data folder; when absent, a fresh temporary folder. */
  data: string | null;
}

const USAGE = 'Usage: tsx src-web/main.ts [--server <url>] [--port <n>] [--data <dir>]';

export function parseArgs(argv: readonly string[]): WebHostArgs {
  const args: WebHostArgs = { server: null, port: 5199, data: null };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (flag !== '--server' && flag !== '--port' && flag !== '--data')
      throw new Error(`Unknown option ${flag}\n${USAGE}`);
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    i += 1;
    if (flag === '--server') {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error('--server must be an http(s) URL');
      args.server = url.origin;
    } else if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port must be 0..65535');
      args.port = port;
    } else {
      args.data = value;
    }
  }
  return args;
}
