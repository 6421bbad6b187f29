import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#shared/node/open-database';
import type { ServerDb } from '#server/server';
import { findProvisioningToken } from '#server/repos/provisioning-tokens.repo';
import { makeTempDir } from '../../support/temp-dir.ts';
import { runCli, runInProcess } from './admin-cli-support.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'hr');

describe('npm run server -- <admin command>', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let data: string;
  beforeEach(async () => {
    dir = await makeTempDir('kith-admin-');
    data = join(dir.path, 'data');
  });
  afterEach(() => dir.remove());

  const withDb = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase<ServerDb>>>) => Promise<T>) => {
    const db = await openDatabase<ServerDb>({ file: join(data, 'kith-server.db') });
    try {
      return await fn(db);
    } finally {
      await db.destroy();
    }
  };

  it('creates a SCIM token once (stored hashed), lists it without the token, revokes it — as a real process', async () => {
    const created = await runCli(['tokens', 'create', '--scim', '--name', 'Entra ID', '--data', data]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const [first, token, hint] = created.stdout.trimEnd().split('\n');
    const id = /^Created provisioning token (\S+) \(Entra ID\)/.exec(first!)?.[1];
    expect(id).toBeDefined();
    expect(token).toMatch(/^kith_scim_[A-Za-z0-9_-]{43}$/);
    expect(hint).toBe(
      'In your identity provider: Tenant URL https://<your Kith server>/scim/v2, Secret Token the line above (sent as Authorization: Bearer).',
    );
    const listed = await runCli(['tokens', 'list', '--data', data]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+CREATED\s+LAST USED\s+REVOKED$/);
    expect(lines[1]).toMatch(new RegExp(`^${id}\\s+Entra ID\\s+\\d{4}-\\d\\d-\\d\\dT\\S+\\s+never\\s+-$`));
    expect(listed.stdout).not.toContain(token);

    // Presenting the token works (and records its use), until it is revoked.
    expect(await withDb((db) => findProvisioningToken(db, token!))).toEqual({ id, name: 'Entra ID' });
    expect(
      await withDb((db) => db.selectFrom('provisioning_tokens').select('token_hash').execute()),
    ).not.toContainEqual({
      token_hash: token,
    });

    const revoked = await runCli(['tokens', 'revoke', id!, '--data', data]);
    expect(revoked).toMatchObject({
      code: 0,
      stdout: `Revoked provisioning token ${id}: it no longer opens /scim/v2.\n`,
    });
    expect(await withDb((db) => findProvisioningToken(db, token!))).toBeUndefined();
    const again = await runCli(['tokens', 'revoke', id!, '--data', data]);
    expect(again).toMatchObject({
      code: 1,
      stderr: `kith-server: tokens revoke: no live token with id ${id} (tokens list shows them)\n`,
    });
  });

  it('imports an HR file as a real process, printing the counts, and refuses a bad one with exit 1', async () => {
    await copyFile(join(FIXTURES, 'awkward.csv'), join(dir.path, 'awkward.csv'));
    const refused = await runCli(['import-people', join(dir.path, 'awkward.csv'), '--data', data]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      [
        'kith-server: awkward.csv line 7, column "Email": zoe.muller@example.com is also on line 3',
        'kith-server: awkward.csv line 8, column "Email": "not-an-email" is not an email address',
        'kith-server: awkward.csv: 2 problems; nothing was written',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir.path, 'hr.csv'),
      'Employee ID,Name,Email\nE1,Ada,ada@example.com\nE2,Bob,bob@example.com\n',
    );
    const imported = await runCli(['import-people', join(dir.path, 'hr.csv'), '--data', data]);
    expect(imported).toMatchObject({
      code: 0,
      stdout: 'hr.csv: 2 people (UTF-8)\ncreated 2, updated 0, unchanged 0, deactivated 0\n',
      stderr: '',
    });
  });

  it('opens the database a config file names (via KITH_CONFIG) and refuses a bad config with exit 2', async () => {
    await writeFile(
      join(dir.path, 'kith.yaml'),
      'dataDir: from-config\npublicUrl: https://kith.example.com\n',
    );
    const created = await runCli(['tokens', 'create', '--scim'], {
      KITH_CONFIG: join(dir.path, 'kith.yaml'),
    });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Tenant URL https://kith.example.com/scim/v2');
    const listed = await runInProcess(['tokens', 'list', '--config', join(dir.path, 'kith.yaml')]);
    expect(listed.stdout).toMatch(/\bSCIM\b/);

    const bad = await runCli(['tokens', 'list'], { KITH_OIDC_ISSUER: 'not a url' });
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('kith-server: oidc.issuer: must be an http(s) URL (from KITH_OIDC_ISSUER)\n');
  });

  it.each([
    [
      ['tokens', 'create'],
      2,
      'kith-server: tokens create: say what the token is for: --scim (the only kind there is)\n',
    ],
    [
      ['tokens', 'revoke'],
      2,
      'kith-server: tokens revoke: give the id of one token (tokens list shows them)\n',
    ],
    [
      ['tokens', 'list', '--scim'],
      2,
      'kith-server: tokens list: --scim and --name belong to tokens create\n',
    ],
    [
      ['tokens', 'rotate'],
      2,
      /^kith-server: tokens: unknown action 'rotate' \(create, list or revoke\)\nUsage:/,
    ],
    [
      ['tokens', 'create', '--scim', '--name', ' '],
      1,
      'kith-server: tokens failed: A token name has 1 to 100 characters\n',
    ],
    [
      ['import-people'],
      2,
      /^kith-server: import-people: give one CSV file\nUsage: kith-server import-people/,
    ],
    [['import-people', 'nowhere.csv'], 1, /^kith-server: import-people: cannot read .*nowhere\.csv \(ENOENT/],
    [['import-people', 'a.csv', '--dry'], 2, /^kith-server: Unknown option '--dry'/],
    [['frobnicate'], 2, "kith-server: unknown command 'frobnicate' (tokens, import-people, help)\n"],
  ])('refuses %j with exit %i and a clear message', async (args, code, message) => {
    const run = await runInProcess([...args, '--data', data], { cwd: dir.path });
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    if (typeof message === 'string') expect(run.stderr).toBe(message);
    else expect(run.stderr).toMatch(message);
  });

  it.each([
    [['help'], /^Usage: kith-server \[--config kith-server\.yaml\].*\n[\s\S]*tokens create --scim/],
    [['--help'], /Admin commands/],
    [['tokens', '--help'], /^Usage: kith-server tokens create --scim \[--name <label>\]/],
    [['tokens', 'create', '--help'], /^Usage: kith-server tokens create/],
    [['import-people', '--help'], /--deactivate-missing[\s\S]*employeeId\s+employeeid, employeenumber/],
  ])('prints help for %j and exits 0', async (args, text) => {
    const run = await runInProcess(args);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(text);
  });

  it('counts a dry run without writing and deactivates people missing from the file', async () => {
    const file = join(dir.path, 'hr.csv');
    await writeFile(file, 'Employee ID,Name,Email\nE1,Ada,ada@example.com\nE2,Bob,bob@example.com\n');
    expect((await runInProcess(['import-people', file, '--dry-run', '--data', data])).stdout).toBe(
      'hr.csv: 2 people (UTF-8)\ncreated 2, updated 0, unchanged 0, deactivated 0 (dry run: nothing was written)\n',
    );
    expect(await withDb((db) => db.selectFrom('people').select('id').execute())).toEqual([]);
    await runInProcess(['import-people', file, '--data', data]);
    await writeFile(file, 'Employee ID,Name,Email\nE1,Ada,ada@example.com\n');
    expect((await runInProcess(['import-people', file, '--deactivate-missing', '--data', data])).stdout).toBe(
      'hr.csv: 1 people (UTF-8)\ncreated 0, updated 0, unchanged 1, deactivated 1\n',
    );
    expect(
      await withDb((db) =>
        db.selectFrom('people').select(['employee_number', 'active']).orderBy('employee_number').execute(),
      ),
    ).toEqual([
      { employee_number: 'E1', active: 1 },
      { employee_number: 'E2', active: 0 },
    ]);
  });

  it('warns about columns it ignores and lists no tokens on a new database', async () => {
    const file = join(dir.path, 'hr.csv');
    await writeFile(file, 'Email,Name,Badge Colour\nada@example.com,Ada,red\n');
    expect(await runInProcess(['import-people', file, '--data', data])).toMatchObject({
      code: 0,
      stderr: 'kith-server: hr.csv line 1: column "Badge Colour" is not a Kith field; it is ignored\n',
    });
    expect((await runInProcess(['tokens', 'list', '--data', data])).stdout).toBe(
      'No provisioning tokens. Create one with: npm run server -- tokens create --scim --name "Entra ID"\n',
    );
  });
});
