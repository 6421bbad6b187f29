import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthSession } from '#shared/wire/auth';

let dir: string | undefined;
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
  child = undefined;
  dir = undefined;
});

/** Starts `src-server/main.ts` as `npm run server` would, and resolves with its stdout once it is ready. */
function startCli(args: string[]): Promise<{ url: string; stdout: () => string }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts', ...args], { cwd: process.cwd() });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child?.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child?.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^KITH_SERVER_READY (\S+)$/m.exec(out);
      if (match?.[1]) resolve({ url: match[1], stdout: () => out });
    });
    child?.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

function exitCode(): Promise<number | null> {
  return new Promise((resolve) => child?.on('exit', (code) => resolve(code)));
}

describe('src-server/main.ts', () => {
  it('creates the data folder, prints one ready line, serves the demo org and exits 0 on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kith-cli-'));
    const data = join(dir, 'nested', 'data');
    const { url, stdout } = await startCli(['--port', '0', '--data', data, '--demo', 'S', '--seed', '3']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(join(data, 'kith-server.db'))).toBe(true);
    expect(stdout().match(/KITH_SERVER_READY/g)).toHaveLength(1);

    const response = await fetch(`${url}/v1/demo/sessions`, { method: 'POST' });
    expect(AuthSession.parse(await response.json()).person.location).toBe('Lyon');

    const exited = exitCode();
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits 2 with a message naming the flag when an argument is bad', async () => {
    await expect(startCli(['--port', 'nope'])).rejects.toThrow(/exited with 2: kith-server: .*--port/s);
  });
});
