import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '#shared/domain/person';
import { findPerson } from '#server/server';
import { ENTERPRISE, ERROR, PATCH_OP, startScimServer, USER, type ScimFixture } from './scim-fixture.ts';

type Op = { op: string; path?: string; value?: unknown };

/** A fresh user for each row: what Entra ID's create sends (no displayName: the name comes from name). */
const user = (n: number) => ({
  schemas: [USER, ENTERPRISE],
  userName: `user${n}@example.com`,
  externalId: `ext-${n}`,
  name: { givenName: 'Grace', familyName: 'Hopper' },
  emails: [{ value: `user${n}@example.com`, type: 'work', primary: true }],
  title: 'Engineer',
  active: true,
  [ENTERPRISE]: { department: 'Navy' },
});

/** Each row: the operations (as RFC 7644, Entra ID or Okta send them), then what the person becomes. */
const ROWS: [string, Op[], Partial<Person>][] = [
  ['RFC 7644 §3.5.2.3: replace title with a path', [{ op: 'replace', path: 'title', value: 'Admiral' }], { title: 'Admiral' }],
  ['RFC 7644 §3.5.2.2: remove title', [{ op: 'remove', path: 'title' }], { title: '' }],
  ['RFC 7644: add without a path', [{ op: 'add', value: { title: 'Rear Admiral', timezone: 'America/New_York' } }], { title: 'Rear Admiral', timezone: 'America/New_York' }],
  ['RFC 7644 §3.5.2.1: add an email keeps the primary one', [{ op: 'add', path: 'emails', value: [{ value: 'grace@home.example', type: 'home' }] }], { email: 'user4@example.com' }],
  ['Entra ID: Replace active "False" (op in any case, boolean as a string)', [{ op: 'Replace', path: 'active', value: 'False' }], { active: false }],
  ['Entra ID: Replace active "True" after "False"', [{ op: 'Replace', path: 'active', value: 'False' }, { op: 'Replace', path: 'active', value: 'True' }], { active: true }],
  ['Entra ID: Replace emails[type eq "work"].value', [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'grace.hopper@example.com' }], { email: 'grace.hopper@example.com' }],
  ['Entra ID: Replace name.familyName renames', [{ op: 'Replace', path: 'name.familyName', value: 'Murray' }], { name: 'Grace Murray' }],
  ['Entra ID: Add the work address locality', [{ op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Arlington' }], { location: 'Arlington' }],
  ['Entra ID: Replace the enterprise department by URN path', [{ op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Computing' }], { department: 'Computing' }],
  ['Entra ID: several Replace in one request', [{ op: 'Replace', path: 'displayName', value: 'Amazing Grace' }, { op: 'Replace', path: 'title', value: 'Rear Admiral' }], { name: 'Amazing Grace', title: 'Rear Admiral' }],
  ['no-path replace with dotted keys', [{ op: 'replace', value: { 'name.givenName': 'Amazing', 'name.familyName': 'Grace', title: 'Commodore' } }], { name: 'Amazing Grace', title: 'Commodore' }],
  ['no-path replace with the enterprise URN holding an object', [{ op: 'Replace', value: { [ENTERPRISE]: { department: 'Fleet' } } }], { department: 'Fleet' }],
  ['no-path replace with URN-qualified keys', [{ op: 'replace', value: { [`${ENTERPRISE}:department`]: 'Ships', [`${USER}:title`]: 'Captain' } }], { department: 'Ships', title: 'Captain' }],
  ['Okta: replace without a path, active false, the id repeated', [{ op: 'replace', value: { id: 'ignored', active: false } }], { active: false }],
  ['unknown attributes are ignored', [{ op: 'add', path: 'favouriteColour', value: 'blue' }, { op: 'add', value: { shoeSize: 9, title: 'Dr' } }], { title: 'Dr' }],
  ['ADD in capitals', [{ op: 'ADD', path: 'title', value: 'Professor' }], { title: 'Professor' }],
];

/** Refusals: nothing may change. */
const REFUSALS: [string, unknown, number, string][] = [
  ['an unknown op', { schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'title', value: 'x' }] }, 400, 'invalidSyntax'],
  ['no Operations', { schemas: [PATCH_OP] }, 400, 'invalidSyntax'],
  ['a body that is an array', [{ op: 'add' }], 400, 'invalidSyntax'],
  ['a remove without a path', { Operations: [{ op: 'remove' }] }, 400, 'noTarget'],
  ['changing the id', { Operations: [{ op: 'replace', path: 'id', value: 'mine' }] }, 400, 'mutability'],
  ['a malformed path', { Operations: [{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }] }, 400, 'invalidPath'],
  ['userName as a number', { Operations: [{ op: 'replace', path: 'userName', value: 42 }] }, 400, 'invalidValue'],
  ['active as "yes"', { Operations: [{ op: 'replace', path: 'active', value: 'yes' }] }, 400, 'invalidValue'],
  ['an email that is none', { Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'not-an-email' }] }, 400, 'invalidValue'],
  ['a title of 201 characters', { Operations: [{ op: 'replace', path: 'title', value: 'x'.repeat(201) }] }, 400, 'invalidValue'],
  ['a second op failing after a good one', { Operations: [{ op: 'replace', path: 'title', value: 'Admiral' }, { op: 'replace', path: 'id', value: 'x' }] }, 400, 'mutability'],
];

describe('SCIM PATCH /Users/:id', () => {
  let fx: ScimFixture;
  let n = 0;
  beforeAll(async () => (fx = await startScimServer()));
  afterAll(() => fx.stop());

  it.each(ROWS)('%s', async (_name, operations, expected) => {
    const id = await fx.createUser(`user${++n}@example.com`, user(n));
    const answer = await fx.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: operations });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.id).toBe(id);
    expect(await findPerson(fx.server.db, id)).toMatchObject(expected);
  });

  it('keeps what it was not told to change, and answers the new resource', async () => {
    const id = await fx.createUser(`user${++n}@example.com`, { ...user(n), phoneNumbers: [{ value: '+1 555 0100', type: 'work' }] });
    const answer = await fx.scim('PATCH', `/Users/${id}`, { Operations: [{ op: 'replace', path: 'name.givenName', value: 'Amazing' }] });
    expect(answer.body).toMatchObject({
      name: { givenName: 'Amazing', familyName: 'Hopper' },
      phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
      externalId: `ext-${n}`,
      [ENTERPRISE]: { department: 'Navy' },
    });
  });

  it.each(REFUSALS)('refuses %s, changing nothing', async (_name, body, status, scimType) => {
    const id = await fx.createUser(`user${++n}@example.com`, user(n));
    const before = await fx.server.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const answer = await fx.scim('PATCH', `/Users/${id}`, body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: String(status), scimType });
    expect(answer.body.detail.length).toBeGreaterThan(5);
    const after = await fx.server.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});
