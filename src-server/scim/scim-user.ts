import { z } from 'zod';
import { badRequest } from './scim-errors.ts';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './scim-urns.ts';

/*
 * A SCIM User as this server reads it (types strict: a number where a string belongs is invalidValue), and
 * how it maps to a person. Booleans may come as "True"/"False" (Entra ID sends them so).
 */

const Bool = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i, 'Expected a boolean')
    .transform((s) => s.toLowerCase() === 'true'),
]);
const Text = (max: number) => z.string().max(max).nullish();

const Typed = z.object({
  value: Text(254),
  display: Text(200),
  type: Text(64),
  primary: Bool.nullish(),
});

const Address = z.object({
  formatted: Text(500),
  streetAddress: Text(200),
  locality: Text(120),
  region: Text(120),
  postalCode: Text(40),
  country: Text(120),
  type: Text(64),
  primary: Bool.nullish(),
});

/** Entra ID sends the manager as a bare id in a PATCH; RFC 7643 as {value}. */
const Manager = z.union([
  z.string().max(256).transform((value) => ({ value })),
  z.object({ value: Text(256), $ref: Text(1000), displayName: Text(200) }),
]);

const Enterprise = z.object({
  employeeNumber: Text(64),
  costCenter: Text(120),
  organization: Text(120),
  division: Text(120),
  department: Text(120),
  manager: Manager.nullish(),
});

export const ScimUserInput = z.object({
  userName: z.string().trim().min(1, 'userName is required').max(256),
  externalId: Text(256),
  name: z
    .object({
      formatted: Text(200),
      familyName: Text(100),
      givenName: Text(100),
      middleName: Text(100),
      honorificPrefix: Text(40),
      honorificSuffix: Text(40),
    })
    .nullish(),
  displayName: Text(200),
  nickName: Text(100),
  profileUrl: Text(1000),
  title: Text(200),
  userType: Text(64),
  preferredLanguage: Text(35),
  locale: Text(35),
  timezone: Text(64),
  active: Bool.nullish(),
  emails: z.array(Typed).max(20).nullish(),
  phoneNumbers: z.array(Typed).max(20).nullish(),
  addresses: z.array(Address).max(10).nullish(),
  [ENTERPRISE_SCHEMA]: Enterprise.nullish(),
});
export type ScimUserInput = z.infer<typeof ScimUserInput>;

/** What a User sets of a person (the rest of the person, skills and bio, is Kith's own). */
export interface DirectoryUser {
  userName: string;
  externalId: string | null;
  name: string;
  title: string;
  email: string;
  location: string;
  timezone: string;
  active: boolean;
  department: string;
  employeeNumber: string | null;
  /** The manager's SCIM id or externalId, as sent; null: no manager. */
  managerRef: string | null;
  /** What is kept to answer a GET with what was sent (JSON). */
  resource: string;
}

/** "emails[0].value: Invalid email" — names the attribute at fault. */
export function describeIssues(error: z.ZodError) {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

const Email = z.email();

/** The primary email, else the work one, else the first (RFC 7643 §4.1.2). */
export function chooseEmail(input: ScimUserInput): string {
  const emails = (input.emails ?? []).filter((e) => e.value);
  const chosen = emails.find((e) => e.primary) ?? emails.find((e) => e.type?.toLowerCase() === 'work') ?? emails[0];
  const email = chosen?.value ?? (Email.safeParse(input.userName).success ? input.userName : undefined);
  if (!email) throw badRequest('invalidValue', 'A user needs an email: in emails, or as an email-shaped userName');
  if (!Email.safeParse(email).success) throw badRequest('invalidValue', `"${email}" is not an email address`);
  return email.toLowerCase();
}

/** displayName, else name.formatted, else given and family name, else userName. */
export function chooseName(input: ScimUserInput): string {
  const given = [input.name?.givenName, input.name?.familyName].filter((s) => s?.trim()).join(' ');
  const candidates = [input.displayName, input.name?.formatted, given, input.userName];
  return candidates.find((s) => s && s.trim().length > 0)!.trim().slice(0, 200);
}

/** The work address's locality (else the primary address's): the person's site. */
export function chooseLocation(input: ScimUserInput): string {
  const addresses = input.addresses ?? [];
  const chosen = addresses.find((a) => a.type?.toLowerCase() === 'work') ?? addresses.find((a) => a.primary) ?? addresses[0];
  return chosen?.locality?.trim() ?? '';
}

const blankToNull = (s: string | null | undefined) => (s && s.trim().length > 0 ? s.trim() : null);

/** Reads a request's User (keys already in the schema's spelling): a DirectoryUser or 400 invalidValue. */
export function toDirectoryUser(body: Record<string, unknown>, now: Date, created?: string): DirectoryUser {
  const parsed = ScimUserInput.safeParse(body);
  if (!parsed.success) throw badRequest('invalidValue', describeIssues(parsed.error));
  const input = parsed.data;
  const enterprise = input[ENTERPRISE_SCHEMA];
  const stamp = now.toISOString();
  return {
    userName: input.userName,
    externalId: blankToNull(input.externalId),
    name: chooseName(input),
    title: input.title?.trim() ?? '',
    email: chooseEmail(input),
    location: chooseLocation(input),
    timezone: input.timezone?.trim() ?? '',
    active: input.active ?? true,
    department: enterprise?.department?.trim() ?? '',
    employeeNumber: blankToNull(enterprise?.employeeNumber),
    managerRef: blankToNull(enterprise?.manager?.value),
    resource: JSON.stringify({ ...input, meta: { created: created ?? stamp, lastModified: stamp } }),
  };
}

/** The columns a User is answered from. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  timezone: string;
  active: number;
  manager_id: string | null;
  external_id: string | null;
  user_name: string | null;
  employee_number: string | null;
  scim_resource: string | null;
  scim_manager_ref: string | null;
}

type StoredUser = Partial<ScimUserInput> & { meta?: { created?: string; lastModified?: string } };

/**
 * The User for a person: what the directory last sent, with every mapped attribute taken from the person as
 * it is now (an HR import or an earlier write may have changed a column since). `forPatch`: the document a
 * PATCH applies to.
 */
export function renderUser(row: UserRow, base: string, { forPatch = false } = {}): Record<string, unknown> {
  const stored = (row.scim_resource ? JSON.parse(row.scim_resource) : {}) as StoredUser;
  const { meta, [ENTERPRISE_SCHEMA]: storedEnterprise, ...rest } = stored;
  const asInput = { userName: row.user_name ?? row.email, ...stored } as ScimUserInput;
  const keepsName = stored.userName !== undefined && chooseName(asInput) === row.name;
  const keepsEmail = (stored.emails ?? []).some((e) => e.value?.toLowerCase() === row.email);
  const keepsLocation = chooseLocation(asInput) === row.location;
  const enterprise = {
    ...storedEnterprise,
    department: row.department || undefined,
    employeeNumber: row.employee_number ?? undefined,
    manager: row.manager_id
      ? { value: row.manager_id, $ref: `${base}/Users/${row.manager_id}` }
      : row.scim_manager_ref
        ? { value: row.scim_manager_ref }
        : undefined,
  };
  const hasEnterprise = Object.values(enterprise).some((v) => v !== undefined && v !== null);
  return {
    schemas: hasEnterprise ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: row.id,
    ...rest,
    externalId: row.external_id ?? undefined,
    userName: row.user_name ?? row.email,
    name: keepsName && stored.name ? stored.name : { formatted: row.name },
    // The base of a PATCH leaves out a displayName the directory never sent: a new givenName then renames.
    displayName: forPatch && keepsName && stored.displayName == null ? undefined : row.name,
    title: row.title || undefined,
    timezone: row.timezone || undefined,
    active: row.active === 1,
    emails: keepsEmail ? stored.emails : [{ value: row.email, type: 'work', primary: true }],
    addresses: keepsLocation ? stored.addresses : [{ type: 'work', locality: row.location, primary: true }],
    ...(hasEnterprise ? { [ENTERPRISE_SCHEMA]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      ...(meta?.created ? { created: meta.created, lastModified: meta.lastModified } : {}),
      location: `${base}/Users/${row.id}`,
    },
  };
}
