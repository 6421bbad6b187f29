import { describe, expect, it } from 'vitest';
import { ScimError } from '#server/scim/scim-errors';
import { parseFilter, parsePatchPath } from '#server/scim/scim-filter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseFilter', () => {
  it.each([
    ['userName eq "bjensen"', [{ path: { attr: 'userName' }, op: 'eq', value: 'bjensen' }]],
    ['USERNAME EQ "a\\"b"', [{ path: { attr: 'USERNAME' }, op: 'eq', value: 'a"b' }]],
    ['emails.value eq "a@x.org"', [{ path: { attr: 'emails', sub: 'value' }, op: 'eq', value: 'a@x.org' }]],
    [
      'emails[type eq "work"].value eq "a@x.org"',
      [
        {
          path: {
            attr: 'emails',
            sub: 'value',
            valueFilter: [{ path: { attr: 'type' }, op: 'eq', value: 'work' }],
          },
          op: 'eq',
          value: 'a@x.org',
        },
      ],
    ],
    [
      `${ENTERPRISE}:employeeNumber eq "7"`,
      [{ path: { schema: ENTERPRISE.toLowerCase(), attr: 'employeeNumber' }, op: 'eq', value: '7' }],
    ],
    ['active eq False', [{ path: { attr: 'active' }, op: 'eq', value: false }]],
    [
      'x eq null and y eq 12',
      [
        { path: { attr: 'x' }, op: 'eq', value: null },
        { path: { attr: 'y' }, op: 'eq', value: 12 },
      ],
    ],
    [
      'id eq "1" and members[value eq "2"]',
      [
        { path: { attr: 'id' }, op: 'eq', value: '1' },
        {
          path: { attr: 'members', valueFilter: [{ path: { attr: 'value' }, op: 'eq', value: '2' }] },
          op: 'has',
          value: null,
        },
      ],
    ],
  ])('reads %s', (source, expected) => {
    expect(parseFilter(source)).toMatchObject(expected);
  });

  it.each([
    ['userName ne "a"', /"ne" is not supported/],
    ['userName eq "a" or userName eq "b"', /"or" is not supported/],
    ['not (userName eq "a")', /parentheses/],
    ['userName', /end/i],
    ['userName eq', /end/i],
    ['userName eq "a" userName', /after the filter/],
    ['userName eq "a', /Unterminated/],
    ['emails[type eq "work"', /end|"\]"/],
    ['emails[type eq "a" and value[x eq "b"] eq "c"] eq "d"', /nest|attribute/],
    ['name.given.more eq "a"', /not an attribute path/],
    ['a'.repeat(1001), /1,000 characters/],
  ])('refuses %s with invalidFilter', (source, message) => {
    try {
      parseFilter(source);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ScimError);
      expect(err).toMatchObject({ status: 400, scimType: 'invalidFilter' });
      expect((err as Error).message).toMatch(message);
    }
  });
});

describe('parsePatchPath', () => {
  it.each([
    ['title', { attr: 'title' }],
    ['name.familyName', { attr: 'name', sub: 'familyName' }],
    [`${ENTERPRISE}:manager`, { schema: ENTERPRISE.toLowerCase(), attr: 'manager' }],
    [
      'members[value eq "2819c223"]',
      { attr: 'members', valueFilter: [{ path: { attr: 'value' }, value: '2819c223' }] },
    ],
    ['addresses[type eq "work"].locality', { attr: 'addresses', sub: 'locality' }],
  ])('reads %s', (source, expected) => {
    expect(parsePatchPath(source)).toMatchObject(expected);
  });

  it.each(['', 'title extra', `${ENTERPRISE}`, 'emails[type eq "work"'])(
    'refuses "%s" with invalidPath',
    (source) => {
      expect(() => parsePatchPath(source)).toThrow(
        expect.objectContaining({ status: 400, scimType: 'invalidPath' }),
      );
    },
  );
});
