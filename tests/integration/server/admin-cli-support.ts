import { spawn } from 'node:child_process';
import { runAdminCommand } from '#server/cli/run-command';

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx src-server/main.ts <args>` as `npm run server -- <args>` would, to its exit. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CommandRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs an admin command line in this process, collecting what it prints. */
export async function runInProcess(
  args: readonly string[],
  { cwd = process.cwd(), env = {} }: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdminCommand(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    cwd,
    env,
  });
  return { code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
}
