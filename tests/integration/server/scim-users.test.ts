import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '#server/server';
import { ENTERPRISE, ERROR, startScimServer, USER, type ScimFixture } from './scim-fixture.ts';

/** RFC 7643 §8.2's full enterprise user, trimmed to what Kith maps (and a phone number it keeps). */
const BABS = {
  schemas: [USER, ENTERPRISE],
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  title: 'Tour Guide',
  timezone: 'America/Los_Angeles',
  active: true,
  emails: [
    { value: 'babs@jensen.org', type: 'home' },
    { value: 'bjensen@example.com', type: 'work', primary: true },
  ],
  phoneNumbers: [{ value: '555-555-5555', type: 'work' }],
  addresses: [
    { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', country: 'USA' },
  ],
  [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations' },
};

describe('SCIM /Users', () => {
  let fx: ScimFixture;
  let babs: string;
  beforeAll(async () => {
    fx = await startScimServer();
    babs = await fx.createUser(BABS.userName, BABS);
  });
  afterAll(() => fx.stop());

  it('creates the person RFC 7643 §8.2 describes, mapped to every column', async () => {
    expect(await findPerson(fx.server.db, babs)).toEqual({
      id: babs,
      email: 'bjensen@example.com',
      name: 'Babs Jensen',
      title: 'Tour Guide',
      department: 'Tour Operations',
      location: 'Hollywood',
      managerId: null,
      skills: [],
      bio: '',
      timezone: 'America/Los_Angeles',
      active: true,
    });
    const row = await fx.server.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', babs)
      .executeTakeFirstOrThrow();
    expect([row.user_name, row.external_id, row.employee_number]).toEqual([
      'bjensen@example.com',
      '701984',
      '701984',
    ]);
  });

  it('answers GET with what was sent, in application/scim+json, with meta', async () => {
    const answer = await fx.scim('GET', `/Users/${babs}`);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/scim\+json/);
    expect(answer.body).toMatchObject({
      id: babs,
      userName: 'bjensen@example.com',
      name: BABS.name,
      phoneNumbers: BABS.phoneNumbers,
      [ENTERPRISE]: BABS[ENTERPRISE],
      meta: { resourceType: 'User', location: `${fx.server.url}/scim/v2/Users/${babs}` },
    });
    expect(typeof answer.body.meta.created).toBe('string');
  });

  it.each([
    ['Entra ID: userName, case-insensitive', 'userName eq "BJENSEN@example.com"', 1],
    ['attribute names in any case', 'USERNAME eq "bjensen@example.com"', 1],
    ['Okta: userName and startIndex/count', 'userName eq "bjensen@example.com"', 1],
    ['externalId', 'externalId eq "701984"', 1],
    ['Entra ID: emails[type eq "work"].value', 'emails[type eq "work"].value eq "bjensen@example.com"', 1],
    ['emails.value', 'emails.value eq "bjensen@example.com"', 1],
    ['displayName', 'displayName eq "Babs Jensen"', 1],
    ['and', 'userName eq "bjensen@example.com" and externalId eq "701984"', 1],
    ['and, one side false', 'userName eq "bjensen@example.com" and externalId eq "nope"', 0],
    ['URN-qualified', `${USER}:userName eq "bjensen@example.com"`, 1],
    ['enterprise employeeNumber', `${ENTERPRISE}:employeeNumber eq "701984"`, 1],
    ['no such user: an empty list, not 404', 'userName eq "nobody@example.com"', 0],
  ])('filters on %s', async (_name, filter, total) => {
    const answer = await fx.scim('GET', `/Users?filter=${encodeURIComponent(filter)}&startIndex=1&count=100`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ totalResults: total, itemsPerPage: total, startIndex: 1 });
    expect(answer.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
  });

  it.each([
    ['or', 'userName eq "a" or userName eq "b"'],
    ['co', 'userName co "jensen"'],
    ['sw', 'userName sw "b"'],
    ['pr', 'title pr'],
    ['an unmapped attribute', 'title eq "Tour Guide"'],
    ['parentheses', '(userName eq "a")'],
    ['a dangling and', 'userName eq "a" and'],
    ['an unterminated string', 'userName eq "a'],
    ['a value that is not one', 'userName eq jensen'],
  ])('refuses a filter with %s: 400 invalidFilter', async (_name, filter) => {
    const answer = await fx.scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
  });

  it('pages in a stable order: startIndex is 1-based, count=0 gives totalResults only', async () => {
    for (const n of [1, 2, 3, 4]) await fx.createUser(`page${n}@example.com`);
    const all = await fx.scim('GET', '/Users?count=100');
    const ids = (all.body.Resources as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    const page = await fx.scim('GET', '/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({ totalResults: ids.length, startIndex: 2, itemsPerPage: 2 });
    expect((page.body.Resources as { id: string }[]).map((r) => r.id)).toEqual(ids.slice(1, 3));
    const none = await fx.scim('GET', '/Users?count=0');
    expect(none.body).toMatchObject({ totalResults: ids.length, itemsPerPage: 0, Resources: [] });
    const bads = ['count=1e3', 'startIndex=0x10', 'count=-1', 'count=', 'startIndex=1.5', 'count=007'];
    for (const bad of bads) {
      const answer = await fx.scim('GET', `/Users?${bad}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.scimType).toBe('invalidValue');
    }
  });

  it.each([
    ['attributes=userName', { schemas: [USER, ENTERPRISE], userName: 'bjensen@example.com' }],
    [
      'attributes=name.givenName,EMAILS.value',
      {
        name: { givenName: 'Barbara' },
        emails: [{ value: 'babs@jensen.org' }, { value: 'bjensen@example.com' }],
      },
    ],
    [`attributes=${ENTERPRISE}:department`, { [ENTERPRISE]: { department: 'Tour Operations' } }],
  ])('returns only %s (and id, schemas)', async (query, expected) => {
    const answer = await fx.scim('GET', `/Users/${babs}?${query}`);
    expect(answer.body).toEqual({ schemas: [USER, ENTERPRISE], id: babs, ...expected });
  });

  it('leaves out excludedAttributes', async () => {
    const answer = await fx.scim('GET', `/Users/${babs}?excludedAttributes=emails,name.formatted,meta`);
    expect(answer.body.emails).toBeUndefined();
    expect(answer.body.meta).toBeUndefined();
    expect(answer.body.name).toEqual({ familyName: 'Jensen', givenName: 'Barbara' });
    expect(answer.body.id).toBe(babs);
  });

  it('replaces with PUT: attributes left out are cleared, the id stays', async () => {
    const put = await fx.scim('PUT', `/Users/${babs}`, {
      schemas: [USER],
      userName: 'bjensen@example.com',
      externalId: '701984',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      emails: [{ value: 'bjensen@example.com', type: 'work' }],
      title: 'Head Guide',
    });
    expect(put.status).toBe(200);
    expect(await findPerson(fx.server.db, babs)).toMatchObject({
      name: 'Barbara Jensen',
      title: 'Head Guide',
      department: '',
      location: '',
      active: true,
    });
    expect(put.body.phoneNumbers).toBeUndefined();
  });

  it.each([
    ['duplicate userName (other case)', { userName: 'BJENSEN@example.com' }],
    ['duplicate email', { userName: 'other', emails: [{ value: 'bjensen@example.com' }] }],
    ['duplicate externalId', { userName: 'x1@example.com', externalId: '701984' }],
  ])('refuses %s: 409 uniqueness, nothing written', async (_name, body) => {
    const before = await fx.server.db.selectFrom('people').select(['id', 'seq']).execute();
    const answer = await fx.scim('POST', '/Users', { schemas: [USER], ...body });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
    expect(await fx.server.db.selectFrom('people').select(['id', 'seq']).execute()).toEqual(before);
  });

  it('deletes: a tombstone through deletePerson, then 404 noTarget-style on every verb', async () => {
    const id = await fx.createUser('gone@example.com');
    expect((await fx.scim('DELETE', `/Users/${id}`)).status).toBe(204);
    const row = await fx.server.db
      .selectFrom('people')
      .select('deleted')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.deleted).toBe(1);
    for (const [method, body] of [
      ['GET'],
      ['DELETE'],
      ['PUT', { userName: 'gone@example.com' }],
      ['PATCH', { Operations: [{ op: 'add', path: 'title', value: 'x' }] }],
    ] as const) {
      const answer = await fx.scim(method, `/Users/${id}`, body);
      expect(answer.status, method).toBe(404);
      expect(answer.body).toMatchObject({ schemas: [ERROR], status: '404' });
    }
    // Its email and userName are free again.
    expect((await fx.scim('POST', '/Users', { userName: 'gone@example.com' })).status).toBe(201);
  });
});
