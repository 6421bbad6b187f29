import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCurrentSeq, issueSession } from '#server/server';
import { refreshSession } from '#server/repos/sessions.repo';
import { HrImportError, formatProblem } from '#server/provisioning/hr-problem';
import { importPeople } from '#server/provisioning/import-people';
import { startTestServer, type ServerFixture } from './server-fixture.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'hr');
const csv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n');

/** The awkward fixture without its last two rows (a duplicate email and a bad email): the importable part. */
async function awkwardValid(file = 'awkward.csv') {
  const bytes = await readFile(join(FIXTURES, file));
  const lines = bytes.toString('latin1').split('\r\n');
  return Buffer.from(lines.slice(0, 6).join('\r\n') + '\r\n', 'latin1');
}

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof HrImportError)) throw new Error(`expected an HrImportError, got ${String(err)}`);
  return err.problems.map(formatProblem);
}

describe('importPeople (HR CSV)', () => {
  let server: ServerFixture;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  const people = () =>
    server.db
      .selectFrom('people')
      .select([
        'id',
        'email',
        'name',
        'title',
        'location',
        'manager_id',
        'skills',
        'timezone',
        'active',
        'employee_number',
      ])
      .where('deleted', '=', 0)
      .orderBy('employee_number')
      .execute();

  it('refuses the awkward fixture for its duplicate email and its bad row, naming line and column, writing nothing', async () => {
    const before = await findCurrentSeq(server.db);
    const problems = await refusal(importPeople(server.db, await readFile(join(FIXTURES, 'awkward.csv'))));
    expect(problems).toEqual([
      'line 7, column "Email": zoe.muller@example.com is also on line 3',
      'line 8, column "Email": "not-an-email" is not an email address',
    ]);
    expect(await findCurrentSeq(server.db)).toBe(before);
    expect(await people()).toEqual([]);
  });

  it.each([
    ['UTF-8 with a BOM', 'awkward.csv', 'UTF-8', true],
    ['Windows-1252', 'awkward-windows-1252.csv', 'Windows-1252', false],
  ])(
    'imports the awkward rows from %s: accents, quoted commas, managers in any order',
    async (_, file, encoding, bom) => {
      const result = await importPeople(server.db, await awkwardValid(file));
      expect(result).toMatchObject({
        encoding,
        bom,
        rows: 5,
        created: 5,
        updated: 0,
        unchanged: 0,
        deactivated: 0,
      });
      expect(result.warnings).toEqual(['line 1: column "Cost Center" is not a Kith field; it is ignored']);
      const rows = await people();
      const byNumber = new Map(rows.map((r) => [r.employee_number, r]));
      const idOf = (n: string) => byNumber.get(n)!.id;
      expect(rows.map((r) => r.name)).toEqual([
        'Ada Lovelace',
        'Zoë Müller',
        'François Dubois',
        'Grace Hopper',
        'Chloë O’Brien',
      ]);
      // Quoted commas and doubled quotes stay in the cell; the email is stored in lower case.
      expect(byNumber.get('E002')).toMatchObject({
        email: 'zoe.muller@example.com',
        title: 'Director, Engineering',
        location: 'Zürich',
        skills: '["Rust","Go"]',
        timezone: 'Europe/Zurich',
      });
      expect(byNumber.get('E004')!.title).toBe('Manager, "Compilers" team');
      // An empty manager cell: no manager.
      expect(byNumber.get('E001')!.manager_id).toBeNull();
      expect(byNumber.get('E005')!.manager_id).toBeNull();
      // François's manager, Grace, is listed after him.
      expect(byNumber.get('E003')!.manager_id).toBe(idOf('E004'));
      expect(byNumber.get('E004')!.manager_id).toBe(idOf('E002'));
      expect(byNumber.get('E002')!.manager_id).toBe(idOf('E001'));
    },
  );

  it('changes nothing the second time: every row unchanged, no new change rows', async () => {
    await importPeople(server.db, await awkwardValid());
    const seq = await findCurrentSeq(server.db);
    const again = await importPeople(server.db, await awkwardValid('awkward-windows-1252.csv'));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5, deactivated: 0, lastSeq: null });
    expect(await findCurrentSeq(server.db)).toBe(seq);
  });

  it('writes only real changes, matching by employee id first and then by email', async () => {
    await importPeople(server.db, await awkwardValid());
    const seq = await findCurrentSeq(server.db);
    const result = await importPeople(
      server.db,
      csv(
        'employee_id,name,email,title',
        // E001 by employee id, with a new email; E002 found by email, with no employee id in this file.
        'E001,Ada Lovelace,ada.lovelace@example.com,Chief Executive',
        ',Zoë Müller,zoe.muller@example.com,"Director, Engineering"',
        'E003,François Dubois,francois@example.com,Staff Engineer',
      ),
    );
    expect(result).toMatchObject({ created: 0, updated: 2, unchanged: 1, lastSeq: seq + 2 });
    const byNumber = new Map((await people()).map((r) => [r.employee_number, r]));
    expect(byNumber.get('E001')!.email).toBe('ada.lovelace@example.com');
    expect(byNumber.get('E003')).toMatchObject({ title: 'Staff Engineer', location: 'Lyon' });
    // Columns the file does not have keep their stored values.
    expect(byNumber.get('E003')!.manager_id).toBe(byNumber.get('E004')!.id);
  });

  it('counts with --dry-run and writes nothing', async () => {
    const seq = await findCurrentSeq(server.db);
    const result = await importPeople(server.db, await awkwardValid(), { dryRun: true });
    expect(result).toMatchObject({ created: 5, updated: 0, unchanged: 0, deactivated: 0, lastSeq: null });
    expect(await findCurrentSeq(server.db)).toBe(seq);
    expect(await people()).toEqual([]);
  });

  it('deactivates active people the file does not list with deactivateMissing, and brings them back when listed again', async () => {
    await importPeople(server.db, await awkwardValid());
    const file = csv(
      'Employee ID,Name,Email',
      'E001,Ada Lovelace,ada@example.com',
      'E002,Zoë Müller,zoe.muller@example.com',
    );
    expect(await importPeople(server.db, file, { dryRun: true, deactivateMissing: true })).toMatchObject({
      deactivated: 3,
    });
    const seq = await findCurrentSeq(server.db);
    const result = await importPeople(server.db, file, { deactivateMissing: true });
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 2, deactivated: 3, lastSeq: seq + 3 });
    expect((await people()).map((p) => [p.employee_number, p.active])).toEqual([
      ['E001', 1],
      ['E002', 1],
      ['E003', 0],
      ['E004', 0],
      ['E005', 0],
    ]);
    // Already inactive: not deactivated again.
    expect(await importPeople(server.db, file, { deactivateMissing: true })).toMatchObject({
      deactivated: 0,
    });
    expect(await importPeople(server.db, await awkwardValid())).toMatchObject({ updated: 3, unchanged: 2 });
  });

  it('revokes the sessions of the people it deactivates: their next refresh says the directory deactivated them', async () => {
    await importPeople(server.db, await awkwardValid());
    const leaver = await server.db
      .selectFrom('people')
      .select('id')
      .where('employee_number', '=', 'E003')
      .executeTakeFirstOrThrow();
    const session = await issueSession(server.db, leaver.id);
    expect((await server.get('/v1/me', session.accessToken)).status).toBe(200);
    const file = csv('Employee ID,Name,Email', 'E001,Ada Lovelace,ada@example.com');
    await importPeople(server.db, file, { deactivateMissing: true });
    expect((await server.get('/v1/me', session.accessToken)).status).toBe(401);
    expect(await refreshSession(server.db, session.refreshToken)).toEqual({
      ok: false,
      reason: 'deactivated',
    });
  });

  it('leaves who is active to SCIM for the people SCIM provisions: neither reactivated when listed nor deactivated when missing', async () => {
    await importPeople(server.db, await awkwardValid());
    // E003 and E004 are provisioned by SCIM from here on; E003 was deactivated there.
    await server.db
      .updateTable('people')
      .set({ scim_resource: '{}' })
      .where('employee_number', 'in', ['E003', 'E004'])
      .execute();
    await server.db.updateTable('people').set({ active: 0 }).where('employee_number', '=', 'E003').execute();
    const file = csv(
      'Employee ID,Name,Email',
      'E001,Ada Lovelace,ada@example.com',
      'E003,François Dubois,francois@example.com',
    );
    await importPeople(server.db, file, { deactivateMissing: true });
    expect((await people()).map((p) => [p.employee_number, p.active])).toEqual([
      ['E001', 1],
      ['E002', 0],
      ['E003', 0],
      ['E004', 1],
      ['E005', 0],
    ]);
  });

  it.each([
    [
      'a manager no one has',
      ['Employee ID,Name,Email,Manager', 'E1,A,a@example.com,E9'],
      ['line 2, column "Manager": no one with employee id E9 in the file or in Kith'],
    ],
    [
      'a manager cycle',
      [
        'Employee ID,Name,Email,Manager',
        'E1,A,a@example.com,E3',
        'E2,B,b@example.com,E1',
        'E3,C,c@example.com,E2',
      ],
      ['line 2, column "Manager": managers form a cycle: A → C → B → A'],
    ],
    [
      'someone managing themselves',
      ['Employee ID,Name,Email,Manager', 'E1,A,a@example.com,a@example.com'],
      ['line 2, column "Manager": managers form a cycle: A → A'],
    ],
    [
      'a duplicate employee id',
      ['Employee ID,Name,Email', 'E1,A,a@example.com', 'E1,B,b@example.com'],
      ['line 3, column "Employee ID": E1 is also on line 2'],
    ],
    [
      'unbalanced quotes',
      ['Employee ID,Name,Email', 'E1,"A,a@example.com', 'E2,B,b@example.com'],
      ['line 2: a quoted cell is never closed (unbalanced quotes)'],
    ],
    [
      'no name column',
      ['Employee ID,Email', 'E1,a@example.com'],
      ['line 1: needs a name column (e.g. "Name", or "First Name" and "Last Name")'],
    ],
    [
      'no key column',
      ['Name,Title', 'A,Engineer'],
      ['line 1: needs an employee id column or an email column (e.g. "Employee ID", "Email")'],
    ],
    [
      'a row with a missing cell, an empty name and a bad time zone',
      [
        'Employee ID,Name,Email,Time zone',
        'E1,A,a@example.com',
        'E2,,b@example.com,UTC',
        'E3,C,c@example.com,Mars/Olympus',
      ],
      [
        'line 2: has 3 fields, the header has 4',
        'line 3, column "Name": a name is required',
        'line 4, column "Time zone": "Mars/Olympus" is not a time zone name such as Europe/Paris',
      ],
    ],
    [
      'a new person without an email',
      ['Employee ID,Name', 'E1,A'],
      ['line 2: a new person needs an email (no one has employee id E1)'],
    ],
  ])('refuses %s and writes nothing', async (_, lines, problems) => {
    const seq = await findCurrentSeq(server.db);
    expect(await refusal(importPeople(server.db, csv(...lines)))).toEqual(problems);
    expect(await findCurrentSeq(server.db)).toBe(seq);
  });

  it('refuses an email that belongs to someone else', async () => {
    await importPeople(server.db, await awkwardValid());
    expect(
      await refusal(
        importPeople(server.db, csv('Employee ID,Name,Email', 'E001,Ada Lovelace,grace@example.com')),
      ),
    ).toEqual([
      'line 2, column "Email": grace@example.com belongs to Grace Hopper (employee id E004), not to employee E001',
    ]);
  });

  it('takes first and last name columns and a manager given by employee id', async () => {
    const result = await importPeople(
      server.db,
      csv(
        'employeeNumber,First Name,Last Name,Work Email,Reports To',
        '7,Alan,Turing,alan@example.com,',
        '8,Joan,Clarke,joan@example.com,7',
      ),
    );
    expect(result).toMatchObject({ created: 2 });
    const rows = await people();
    expect(rows.map((r) => [r.name, r.manager_id])).toEqual([
      ['Alan Turing', null],
      ['Joan Clarke', rows[0]!.id],
    ]);
  });
});
