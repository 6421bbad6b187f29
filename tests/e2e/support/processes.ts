import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

export interface RunningProcess {
  /** What followed the READY marker on its line. */
  url: string;
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Spawns `tsx <args>` from the repo root and resolves when a stdout line starts with `marker`. */
export function startProcess(
  args: string[],
  marker: string,
  { timeoutMs = 90_000, env = {} }: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<RunningProcess> {
  // Its own process group: tsx runs the script in a child node process, and a SIGKILL must reach both.
  const child = spawn(tsx, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const kill = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      signalGroup(child, signal);
      setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000).unref();
    });

  const stdout = child.stdout;
  if (!stdout) throw new Error('spawned without a stdout pipe');
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => {
      void kill('SIGKILL');
      reject(new Error(`tsx ${args.join(' ')} printed no ${marker} within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      output += `${line}\n`;
      if (line.startsWith(`${marker} `)) {
        clearTimeout(timer);
        resolveReady({ url: line.slice(marker.length + 1).trim(), child, output: () => output, kill });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`tsx ${args.join(' ')} exited (${code ?? signal}) before ${marker}:\n${output}`));
    });
  });
}

/**
 * The demo server (org S); `connections: false` seeds no one's connections, so yours start from none. Pass
 * the port and data folder of a stopped one to start it again as it was.
 */
export function startServer({
  port = 0,
  dataDir = tempDir('kith-e2e-server-'),
  connections = true,
} = {}): Promise<RunningProcess> {
  return startProcess(
    [
      'src-server/main.ts',
      '--port',
      String(port),
      '--demo',
      'S',
      '--data',
      dataDir,
      ...(connections ? [] : ['--no-connections']),
    ],
    'KITH_SERVER_READY',
  );
}

/** A web host (one computer) signed in to `serverUrl`; one that answers nothing leaves it signed out. */
export function startWebHost(
  serverUrl: string,
  { dataDir = tempDir('kith-e2e-web-'), env = {} }: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningProcess> {
  return startProcess(
    ['src-web/main.ts', '--server', serverUrl, '--port', '0', '--data', dataDir],
    'KITH_WEB_READY',
    { env },
  );
}
