import { join } from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';

const READY_TIMEOUT_MS = 30_000;
/** Lines of the server's output kept to explain a failed start. */
const OUTPUT_TAIL_LINES = 20;

export interface DemoServer {
  /** Starts the bundled server (once; later calls return the same URL) and resolves when it listens. */
  launch(): Promise<{ serverUrl: string }>;
  stop(): void;
}

/** The demo organisation's REST server, run from the built server entry in an Electron utility process. */
export function createDemoServer(serverPath: string, userDataDir: string): DemoServer {
  let child: UtilityProcess | null = null;
  let starting: Promise<{ serverUrl: string }> | null = null;

  function launch(): Promise<{ serverUrl: string }> {
    starting ??= start().catch((err: unknown) => {
      starting = null;
      throw err;
    });
    return starting;
  }

  function start(): Promise<{ serverUrl: string }> {
    const args = ['--port', '0', '--demo', 'M', '--data', join(userDataDir, 'demo-server')];
    const proc = utilityProcess.fork(serverPath, args, { serviceName: 'Kith demo server', stdio: 'pipe' });
    child = proc;
    const output: string[] = [];
    const keep = (prefix: string) => (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        console.log(`[demo server${prefix}] ${line}`);
        output.push(line);
        if (output.length > OUTPUT_TAIL_LINES) output.shift();
      }
    };
    proc.stdout?.on('data', keep(''));
    proc.stderr?.on('data', keep(' stderr'));
    proc.once('exit', () => {
      if (child === proc) child = null;
      starting = null;
    });

    return new Promise((resolve, reject) => {
      const fail = (reason: string) => {
        cleanup();
        proc.kill();
        const tail = output.length ? `\n${output.join('\n')}` : '';
        reject(new Error(`The demo server did not start: ${reason}.${tail}`));
      };
      const timer = setTimeout(
        () => fail(`it was not ready after ${READY_TIMEOUT_MS / 1000} s`),
        READY_TIMEOUT_MS,
      );
      const onMessage = (message: unknown) => {
        if (!isReadyMessage(message)) return;
        cleanup();
        resolve({ serverUrl: message.url });
      };
      const onExit = (code: number) => fail(`it exited with code ${code}`);
      function cleanup() {
        clearTimeout(timer);
        proc.off('message', onMessage);
        proc.off('exit', onExit);
      }
      proc.on('message', onMessage);
      proc.on('exit', onExit);
    });
  }

  function stop(): void {
    child?.kill();
    child = null;
    starting = null;
  }

  return { launch, stop };
}

function isReadyMessage(message: unknown): message is { type: 'ready'; url: string } {
  if (typeof message !== 'object' || message === null) return false;
  const { type, url } = message as { type?: unknown; url?: unknown };
  return type === 'ready' && typeof url === 'string' && /^https?:\/\//.test(url);
}
