import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BootstrapLine } from '#shared/wire/sync';
import { ApiError } from '#shared/wire/auth';
import { deletePerson, findCurrentSeq, issueToken, upsertPeople } from '#server/server';
import { makePerson, range, readNdjson, startTestServer, type ServerFixture } from './server-fixture.ts';

let server: ServerFixture;
let token: string;

async function bootstrap(query = '') {
  const response = await server.get(`/v1/sync/bootstrap${query}`, token);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  return (await readNdjson(response)).map((line) => BootstrapLine.parse(line));
}

function personIds(lines: BootstrapLine[]) {
  return lines.flatMap((line) => (line.type === 'person' ? [line.value.id] : []));
}

beforeAll(async () => {
  server = await startTestServer();
  // Inserted out of id order, so the stream's order comes from the query, not from insertion.
  await upsertPeople(
    server.db,
    [...range(6, 10), ...range(1, 5)].map((n) => makePerson(n)),
  );
  token = await issueToken(server.db, 'p000001');
});
afterAll(() => server.stop());

describe('GET /v1/sync/bootstrap', () => {
  it('streams begin, every live person by id, then end, at the current cursor', async () => {
    const lines = await bootstrap();
    expect(lines[0]).toEqual({ dataset: expect.any(String), type: 'begin', cursor: 10, total: 10 });
    expect(personIds(lines)).toEqual(range(1, 10).map((n) => makePerson(n).id));
    expect(lines.find((l) => l.type === 'person' && l.value.id === 'p000004')).toEqual({
      type: 'person',
      value: makePerson(4),
    });
    expect(lines.at(-1)).toEqual({ type: 'end', cursor: 10, count: 10 });
  });

  it('answers 410 cursor_reset to a snapshot cursor ahead of the server', async () => {
    const response = await server.get('/v1/sync/bootstrap?cursor=999999', token);
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ error: { code: 'cursor_reset' } });
  });

  it('resumes after the last applied id with the same cursor', async () => {
    const lines = await bootstrap('?cursor=10&after=p000007');
    expect(lines[0]).toEqual({ dataset: expect.any(String), type: 'begin', cursor: 10, total: 3 });
    expect(personIds(lines)).toEqual(['p000008', 'p000009', 'p000010']);
    expect(lines.at(-1)).toEqual({ type: 'end', cursor: 10, count: 3 });
  });

  it('leaves out tombstones and rows changed after the cursor, which pull delivers instead', async () => {
    const cursorBefore = await findCurrentSeq(server.db);
    await deletePerson(server.db, 'p000003');
    await upsertPeople(server.db, [makePerson(5, { title: 'Staff Engineer' }), makePerson(11)]);

    const old = await bootstrap(`?cursor=${cursorBefore}`);
    expect(personIds(old)).not.toContain('p000003');
    expect(personIds(old)).not.toContain('p000005');
    expect(personIds(old)).not.toContain('p000011');
    expect(old[0]).toEqual({ dataset: expect.any(String), type: 'begin', cursor: cursorBefore, total: 8 });

    const fresh = await bootstrap();
    expect(fresh[0]).toEqual({
      dataset: expect.any(String),
      type: 'begin',
      cursor: cursorBefore + 3,
      total: 10,
    });
    expect(personIds(fresh)).not.toContain('p000003');
    const five = fresh.find((l) => l.type === 'person' && l.value.id === 'p000005');
    expect(five).toMatchObject({ value: { title: 'Staff Engineer' } });
  });

  it('answers 400 invalid_input naming the field when the cursor is not a number', async () => {
    const response = await server.get('/v1/sync/bootstrap?cursor=abc', token);
    expect(response.status).toBe(400);
    const body = ApiError.parse(await response.json());
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain("'cursor'");
  });

  it('answers 400 invalid_input for an unknown query parameter', async () => {
    const response = await server.get('/v1/sync/bootstrap?page=2', token);
    expect(response.status).toBe(400);
    expect(ApiError.parse(await response.json()).error.message).toContain('page');
  });
});

describe('GET /v1/sync/bootstrap with a large org', () => {
  it('streams every one of 100,000 people, in id order, across keyset pages', async () => {
    // People only: the sections after people have their own tests.
    const big = await startTestServer({ demo: { size: 'L', communities: false } });
    try {
      const bigToken = await issueToken(big.db, 'p000001');
      const response = await big.get('/v1/sync/bootstrap', bigToken);
      const text = await response.text();
      const lines = text.trimEnd().split('\n');
      expect(lines).toHaveLength(100_002);
      expect(JSON.parse(lines[0] as string)).toEqual({
        dataset: expect.any(String),
        type: 'begin',
        cursor: 100_000,
        total: 100_000,
      });
      expect(JSON.parse(lines.at(-1) as string)).toEqual({ type: 'end', cursor: 100_000, count: 100_000 });
      const ids = lines.slice(1, -1).map((line) => (JSON.parse(line) as { value: { id: string } }).value.id);
      expect(ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id)).toBe(true);
    } finally {
      await big.stop();
    }
  });
});
