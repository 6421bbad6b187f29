import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const READY = 'KITH_SERVER_READY ';
const START_TIMEOUT_MS = 60_000;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `tsx src-server/main.ts` with a demo org and resolves once it prints its READY line. */
export function startDemoServer(options: {
  repoRoot: string;
  dataDir: string;
  demo?: string;
}): Promise<ServerProcess> {
  const tsx = join(options.repoRoot, 'node_modules', '.bin', 'tsx');
  const args = [
    'src-server/main.ts',
    '--port',
    '0',
    '--demo',
    options.demo ?? 'S',
    '--data',
    options.dataDir,
  ];
  const child = spawn(tsx, args, { cwd: options.repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });

  const stdout = child.stdout;
  if (!stdout) throw new Error('The server process has no stdout pipe');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The Kith server did not print ${READY.trim()} within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: stdout });
    let ready = false;
    lines.on('line', (line) => {
      if (!ready && line.startsWith(READY)) {
        ready = true;
        clearTimeout(timer);
        resolve({ url: line.slice(READY.length).trim(), child, stop });
      } else {
        console.log(`[server] ${line}`);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready)
        reject(new Error(`The Kith server exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}
