import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');

/**
 * Starts the Kith server in its own process (so it doesn't share the event loop being measured); `entry`: another
 * script that starts it and prints the same ready line, `onLine` sees every line it prints.
 */
export async function startServerProcess(
  args: string[],
  {
    entry = join(root, 'src-server', 'main.ts'),
    onLine,
  }: { entry?: string; onLine?: (line: string) => void } = {},
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [entry, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      onLine?.(line);
      const match = /^KITH_SERVER_READY (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`The server exited with ${code} before it was ready`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
