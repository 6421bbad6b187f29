import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '#server/repos/people.repo';
import { ERROR, GROUP, PATCH_OP, startScimServer, USER, type ScimFixture } from './scim-fixture.ts';

/** A GET with a Host header of the test's choosing (fetch sends the URL's own). */
function getWithHost(url: string, host: string, token: string) {
  return new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { headers: { host, authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('SCIM writes under concurrency', () => {
  let fx: ScimFixture;
  beforeAll(async () => (fx = await startScimServer({ demo: true })));
  afterAll(() => fx.stop());

  const liveMembers = async (groupId: string) =>
    (
      await fx.server.db
        .selectFrom('memberships')
        .select('person_id')
        .where('community_id', '=', groupId)
        .where('deleted', '=', 0)
        .execute()
    )
      .map((r) => r.person_id)
      .sort();

  it('keeps every member of concurrent "add members" PATCHes on one group', async () => {
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => fx.createUser(`add${i}@example.com`)));
    const group = await fx.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Racers' });
    expect(group.status).toBe(201);
    const id = group.body.id as string;
    const answers = await Promise.all(
      people.map((person) =>
        fx.scim('PATCH', `/Groups/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'add', path: 'members', value: [{ value: person }] }],
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([204, 204, 204, 204, 204, 204]);
    expect(await liveMembers(id)).toEqual([...people].sort());
  });

  it('keeps both attributes of two concurrent user PATCHes', async () => {
    const id = await fx.createUser('two-patches@example.com');
    const replace = (path: string, value: string) =>
      fx.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path, value }] });
    const answers = await Promise.all([replace('title', 'Chief'), replace('timezone', 'Europe/Paris')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await findPerson(fx.server.db, id)).toMatchObject({ title: 'Chief', timezone: 'Europe/Paris' });
  });

  it('adopts an unclaimed person once when two POSTs carry their email: one 201, one 409', async () => {
    const unclaimed = await fx.server.db
      .selectFrom('people')
      .select(['id', 'email'])
      .where('user_name', 'is', null)
      .where('deleted', '=', 0)
      .executeTakeFirstOrThrow();
    const post = (userName: string) =>
      fx.scim('POST', '/Users', {
        schemas: [USER],
        userName,
        emails: [{ value: unclaimed.email, type: 'work', primary: true }],
      });
    const answers = await Promise.all([post('first-claim'), post('second-claim')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const created = answers.find((a) => a.status === 201);
    expect(created?.body.id).toBe(unclaimed.id);
    expect(answers.find((a) => a.status === 409)?.body).toMatchObject({
      schemas: [ERROR],
      status: '409',
      scimType: 'uniqueness',
    });
  });

  it('never writes memberships into a team a racing DELETE archived', async () => {
    const members = await Promise.all([1, 2, 3].map((i) => fx.createUser(`late${i}@example.com`)));
    const group = await fx.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Doomed' });
    const id = group.body.id as string;
    const patch = (member: string) =>
      fx.scim('PATCH', `/Groups/${id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: member }] }],
      });
    const answers = await Promise.all([...members.map(patch), fx.scim('DELETE', `/Groups/${id}`)]);
    const removed = answers.pop();
    expect(removed?.status).toBe(204);
    // Each PATCH lands before the DELETE (204) or after it (404); an archived team never keeps a live member.
    for (const answer of answers) expect([204, 404]).toContain(answer.status);
    expect(await liveMembers(id)).toEqual([]);
    const team = await fx.server.db
      .selectFrom('communities')
      .select('archived')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(team.archived).toBe(1);
  });
});

describe('SCIM errors before routing', () => {
  let fx: ScimFixture;
  beforeAll(async () => (fx = await startScimServer()));
  afterAll(() => fx.stop());

  it('answers a bad percent-escape under /scim/v2 as a SCIM error, and elsewhere in the /v1 shape', async () => {
    const answer = await fx.scim('GET', '/Users/%ZZ');
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/scim\+json/);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
    const v1 = await fx.server.get('/v1/me/%ZZ');
    expect(v1.status).toBe(400);
    expect(v1.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await v1.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });
});

describe('SCIM locations', () => {
  it('are built on the request (Host and protocol) when no publicUrl is configured', async () => {
    const fx = await startScimServer();
    try {
      const id = await fx.createUser('here@example.com');
      const answer = await getWithHost(`${fx.server.url}/scim/v2/Users/${id}`, 'kith.lan:8080', fx.token);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({
        meta: { location: `http://kith.lan:8080/scim/v2/Users/${id}` },
      });
    } finally {
      await fx.stop();
    }
  });

  it('are built on publicUrl when configured, whatever Host the proxy forwards', async () => {
    const fx = await startScimServer({ publicUrl: 'https://kith.example.com/' });
    try {
      const group = await fetch(`${fx.server.url}/scim/v2/Groups`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fx.token}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({ schemas: [GROUP], displayName: 'Located' }),
      });
      const groupId = ((await group.json()) as { id: string }).id;
      expect(group.headers.get('location')).toBe(`https://kith.example.com/scim/v2/Groups/${groupId}`);
      const created = await fx.scim('POST', '/Users', { schemas: [USER], userName: 'there@example.com' });
      const id = created.body.id as string;
      expect(created.body.meta.location).toBe(`https://kith.example.com/scim/v2/Users/${id}`);
      // A read after the writes: their announcements are done before the server closes.
      const answer = await getWithHost(`${fx.server.url}/scim/v2/Users/${id}`, 'internal:80', fx.token);
      expect(JSON.parse(answer.body)).toMatchObject({
        meta: { location: `https://kith.example.com/scim/v2/Users/${id}` },
      });
    } finally {
      await fx.stop();
    }
  });
});
