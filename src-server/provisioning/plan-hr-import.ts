import { randomUUID } from 'node:crypto';
import type { HrField } from './hr-columns.ts';
import type { HrProblem } from './hr-problem.ts';
import type { HrRow, ManagerRef } from './parse-hr-csv.ts';
import { HR_PERSON_COLUMNS, type HrPersonColumns, type StoredPerson } from './stored-people.ts';

export interface HrImportPlan {
  /** New people and changed ones, as full rows (without seq). */
  creates: HrPersonColumns[];
  updates: HrPersonColumns[];
  unchanged: number;
  /** Live, active people the file does not list and SCIM does not provision (only with deactivateMissing). */
  deactivations: string[];
  problems: HrProblem[];
}

/**
 * Matches the file's rows to the people stored (by employee id, then email), resolves managers within the
 * file first and then among the people stored, refuses manager cycles, and keeps only real changes: a row
 * equal to what is stored is unchanged and written nowhere.
 */
export function planHrImport(
  rows: readonly HrRow[],
  headers: Partial<Record<HrField, string>>,
  stored: readonly StoredPerson[],
  { deactivateMissing }: { deactivateMissing: boolean },
): HrImportPlan {
  const problems: HrProblem[] = [];
  const byEmployeeId = new Map<string, StoredPerson>();
  const byEmail = new Map<string, StoredPerson>();
  for (const person of stored) {
    if (person.employee_number !== null) byEmployeeId.set(person.employee_number, person);
    byEmail.set(person.email, person);
  }

  // Who each row is: a stored person, or a new id.
  const targets: { row: HrRow; current: StoredPerson | undefined; id: string; email: string }[] = [];
  const rowOfPerson = new Map<string, number>();
  for (const row of rows) {
    const current =
      (row.employeeId !== null ? byEmployeeId.get(row.employeeId) : undefined) ??
      (row.email !== null ? byEmail.get(row.email) : undefined);
    if (current) {
      const other = rowOfPerson.get(current.id);
      if (other !== undefined) {
        problems.push({
          line: row.line,
          message: `is the same person as line ${other} (${current.name}, ${current.email})`,
        });
        continue;
      }
      rowOfPerson.set(current.id, row.line);
    }
    const email = row.email ?? current?.email;
    if (email === undefined) {
      problems.push({
        line: row.line,
        column: headers.email,
        message: `a new person needs an email (no one has employee id ${row.employeeId})`,
      });
      continue;
    }
    const holder = row.email !== null ? byEmail.get(row.email) : undefined;
    if (holder && current && holder.id !== current.id) {
      problems.push({
        line: row.line,
        column: headers.email,
        message: `${row.email} belongs to ${holder.name} (employee id ${holder.employee_number ?? 'none'}), not to employee ${row.employeeId}`,
      });
      continue;
    }
    targets.push({ row, current, id: current?.id ?? randomUUID(), email });
  }

  const fileByEmployeeId = new Map<string, string>();
  const fileByEmail = new Map<string, string>();
  for (const { row, id } of targets) {
    if (row.employeeId !== null) fileByEmployeeId.set(row.employeeId, id);
    if (row.email !== null) fileByEmail.set(row.email, id);
  }
  const resolve = (ref: ManagerRef) =>
    ref.kind === 'email'
      ? (fileByEmail.get(ref.value) ?? byEmail.get(ref.value)?.id)
      : (fileByEmployeeId.get(ref.value) ?? byEmployeeId.get(ref.value)?.id);

  const next: HrPersonColumns[] = [];
  const lineOf = new Map<string, number>();
  for (const { row, current, id, email } of targets) {
    let managerId = current?.manager_id ?? null;
    if (row.manager !== undefined) {
      managerId = row.manager === null ? null : (resolve(row.manager) ?? null);
      if (row.manager !== null && managerId === null) {
        problems.push({
          line: row.line,
          column: headers.manager,
          message: `no one with ${row.manager.kind === 'email' ? 'email' : 'employee id'} ${row.manager.value} in the file or in Kith`,
        });
        continue;
      }
    }
    lineOf.set(id, row.line);
    next.push({
      id,
      email,
      name: row.name,
      title: row.title ?? current?.title ?? '',
      department: row.department ?? current?.department ?? '',
      location: row.site ?? current?.location ?? '',
      manager_id: managerId,
      skills: row.skills ? JSON.stringify(row.skills) : (current?.skills ?? '[]'),
      bio: current?.bio ?? '',
      timezone: row.timezone ?? current?.timezone ?? '',
      // Listed means employed, unless SCIM provisions them: then the identity provider decides.
      active: current?.scimManaged ? current.active : 1,
      employee_number: row.employeeId ?? current?.employee_number ?? null,
    });
  }
  problems.push(...findManagerCycles(next, stored, lineOf, headers.manager));
  problems.sort((a, b) => a.line - b.line);

  const storedById = new Map(stored.map((p) => [p.id, p]));
  const plan: HrImportPlan = { creates: [], updates: [], unchanged: 0, deactivations: [], problems };
  for (const person of next) {
    const current = storedById.get(person.id);
    if (!current) plan.creates.push(person);
    else if (HR_PERSON_COLUMNS.some((c) => current[c] !== person[c])) plan.updates.push(person);
    else plan.unchanged++;
  }
  if (deactivateMissing) {
    const listed = new Set(next.map((p) => p.id));
    plan.deactivations = stored
      .filter((p) => p.active === 1 && !p.scimManaged && !listed.has(p.id))
      .map((p) => p.id);
  }
  return plan;
}

/**
 * Each cycle in the managers after the import, once, at the line of the first row on it. One walk per
 * person up their chain, stopping at anyone an earlier walk passed: linear, and one map for all walks.
 */
function findManagerCycles(
  next: readonly HrPersonColumns[],
  stored: readonly StoredPerson[],
  lineOf: ReadonlyMap<string, number>,
  column: string | undefined,
): HrProblem[] {
  const byId = new Map<string, HrPersonColumns>(stored.map((p) => [p.id, p]));
  for (const p of next) byId.set(p.id, p);
  const walkOf = new Map<string, number>();
  const problems: HrProblem[] = [];
  const path: string[] = [];
  next.forEach((start, walk) => {
    path.length = 0;
    let at: string | null | undefined = start.id;
    while (at && !walkOf.has(at)) {
      walkOf.set(at, walk);
      path.push(at);
      at = byId.get(at)?.manager_id;
    }
    if (!at || walkOf.get(at) !== walk) return;
    const cycle = path.slice(path.indexOf(at));
    const line = Math.min(...cycle.map((id) => lineOf.get(id) ?? Infinity));
    const names = [...cycle, at].map((id) => byId.get(id)?.name ?? id).join(' → ');
    problems.push({ line, column, message: `managers form a cycle: ${names}` });
  });
  return problems;
}
