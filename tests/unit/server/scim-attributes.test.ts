import { describe, expect, it } from 'vitest';
import { canonicalize, project, USER_SHAPE } from '#server/scim/scim-attributes';
import { applyPatch, readOperations } from '#server/scim/scim-patch';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

type Json = Record<string, unknown>;

const resource = {
  schemas: [USER, ENTERPRISE],
  id: '1',
  userName: 'ada',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada@work.example', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  [ENTERPRISE]: { department: 'Maths', manager: { value: '2' } },
  meta: { resourceType: 'User' },
};

describe('canonicalize', () => {
  it('spells keys as the schema does, at every level, and drops unknown ones and meta', () => {
    expect(
      canonicalize(
        {
          USERNAME: 'a',
          Name: { GIVENNAME: 'A', nick: 'x' },
          Emails: [{ VALUE: 'a@x.org', Kind: 1 }],
          [ENTERPRISE.toUpperCase()]: { Department: 'D' },
          meta: {},
          shoe: 9,
        },
        USER_SHAPE,
      ),
    ).toEqual({
      userName: 'a',
      name: { givenName: 'A' },
      emails: [{ value: 'a@x.org' }],
      [ENTERPRISE]: { department: 'D' },
    });
  });
});

describe('project', () => {
  it.each([
    ['userName', { userName: 'ada' }],
    [
      'name.familyName,emails.type',
      { name: { familyName: 'Lovelace' }, emails: [{ type: 'work' }, { type: 'home' }] },
    ],
    [`${ENTERPRISE}:manager.value`, { [ENTERPRISE]: { manager: { value: '2' } } }],
    ['nothing-known', {}],
  ])('attributes=%s keeps those (and schemas, id)', (attributes, expected) => {
    expect(project(resource, 'User', { attributes })).toEqual({
      schemas: resource.schemas,
      id: '1',
      ...expected,
    });
  });

  it('excludedAttributes drops those, never id or schemas', () => {
    const out = project(resource, 'User', { excludedAttributes: 'id,schemas,emails.primary,meta,name' });
    expect(out).toMatchObject({
      id: '1',
      schemas: resource.schemas,
      emails: [
        { value: 'ada@work.example', type: 'work' },
        { value: 'ada@home.example', type: 'home' },
      ],
    });
    expect(out.meta).toBeUndefined();
    expect(out.name).toBeUndefined();
    expect(resource.emails[0]!.primary).toBe(true);
  });
});

describe('applyPatch', () => {
  const patch = (ops: unknown[]) =>
    applyPatch(resource, readOperations({ Operations: ops }), USER_SHAPE, USER);

  it.each([
    [
      'remove a sub-attribute of matching elements',
      [{ op: 'remove', path: 'emails[type eq "home"].value' }],
      (r: Json) => (r.emails as Json[])[1]?.value,
      undefined,
    ],
    [
      'replace a complex attribute keeps sub-attributes not given',
      [{ op: 'replace', path: 'name', value: { givenName: 'Augusta' } }],
      (r: Json) => r.name,
      { givenName: 'Augusta', familyName: 'Lovelace' },
    ],
    [
      'Entra ID manager as a bare id',
      [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: '3' }],
      (r: Json) => (r[ENTERPRISE] as Json).manager,
      '3',
    ],
    [
      '"Operations" key in any case',
      [{ op: 'add', path: 'title', value: 'Countess' }],
      (r: Json) => r.title,
      'Countess',
    ],
  ])('%s', (_name, ops, read, expected) => {
    expect(read(patch(ops))).toEqual(expected);
  });

  it('does not touch the resource it was given', () => {
    patch([{ op: 'replace', path: 'userName', value: 'augusta' }]);
    expect(resource.userName).toBe('ada');
  });

  it('reads operations with keys in any case', () => {
    expect(readOperations({ operations: [{ OP: 'Replace', PATH: 'title', VALUE: 'x' }] })).toEqual([
      { op: 'replace', path: 'title', value: 'x' },
    ]);
  });
});
