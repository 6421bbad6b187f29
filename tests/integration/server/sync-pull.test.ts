import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '#shared/wire/auth';
import { PULL_LIMIT_MAX, PullPage } from '#shared/wire/sync';
import { deletePerson, findCurrentSeq, issueToken, upsertPeople } from '#server/server';
import { makePerson, range, startTestServer, type ServerFixture } from './server-fixture.ts';

let server: ServerFixture;
let token: string;

async function pull(query: string) {
  const response = await server.get(`/v1/sync/pull?${query}`, token);
  expect(response.status).toBe(200);
  return PullPage.parse(await response.json());
}

async function expectInvalid(query: string, field: string) {
  const seqBefore = await findCurrentSeq(server.db);
  const response = await server.get(`/v1/sync/pull?${query}`, token);
  expect(response.status).toBe(400);
  const body = ApiError.parse(await response.json());
  expect(body.error.code).toBe('invalid_input');
  expect(body.error.message).toContain(field);
  expect(await findCurrentSeq(server.db)).toBe(seqBefore);
}

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 5).map((n) => makePerson(n)),
  );
  token = await issueToken(server.db, 'p000001');
});
afterAll(() => server.stop());

describe('GET /v1/sync/pull', () => {
  it('pages through changes by seq with hasMore until the head', async () => {
    const first = await pull('since=0&limit=2');
    expect(first.changes.map((c) => c.seq)).toEqual([1, 2]);
    expect(first).toMatchObject({ cursor: 2, hasMore: true });
    expect(first.changes[0]).toEqual({ entity: 'person', op: 'upsert', seq: 1, value: makePerson(1) });

    const second = await pull(`since=${first.cursor}&limit=2`);
    expect(second.changes.map((c) => c.seq)).toEqual([3, 4]);
    expect(second.hasMore).toBe(true);

    const last = await pull(`since=${second.cursor}&limit=2`);
    expect(last.changes.map((c) => c.seq)).toEqual([5]);
    expect(last).toMatchObject({ cursor: 5, hasMore: false });
  });

  it('returns no changes and the head as cursor when the client is up to date', async () => {
    const head = await findCurrentSeq(server.db);
    expect(await pull(`since=${head}`)).toEqual({
      dataset: expect.any(String),
      changes: [],
      cursor: head,
      hasMore: false,
    });
  });

  it('answers 410 cursor_reset to a cursor this server never handed out', async () => {
    const response = await server.get('/v1/sync/pull?since=999999', token);
    expect(response.status).toBe(410);
    const body = ApiError.parse(await response.json());
    expect(body.error).toMatchObject({
      code: 'cursor_reset',
      message: expect.stringContaining('bootstrap again'),
    });
  });

  it('reports an update as an upsert and a delete as a tombstone, each once, at its latest seq', async () => {
    const since = await findCurrentSeq(server.db);
    await upsertPeople(server.db, [makePerson(2, { title: 'Engineering Manager' })]);
    await deletePerson(server.db, 'p000004');
    await upsertPeople(server.db, [makePerson(2, { title: 'Director of Engineering' }), makePerson(6)]);

    const page = await pull(`since=${since}`);
    expect(page.changes).toEqual([
      { entity: 'person', op: 'delete', seq: since + 2, id: 'p000004' },
      {
        entity: 'person',
        op: 'upsert',
        seq: since + 3,
        value: makePerson(2, { title: 'Director of Engineering' }),
      },
      { entity: 'person', op: 'upsert', seq: since + 4, value: makePerson(6) },
    ]);
    expect(page).toMatchObject({ cursor: since + 4, hasMore: false });
  });

  it('defaults the page size to 1000', async () => {
    const since = await findCurrentSeq(server.db);
    await upsertPeople(
      server.db,
      range(100, 1100).map((n) => makePerson(n)),
    );
    const page = await pull(`since=${since}`);
    expect(page.changes).toHaveLength(1000);
    expect(page.hasMore).toBe(true);
    const rest = await pull(`since=${page.cursor}`);
    expect(rest.changes).toHaveLength(1);
    expect(rest.hasMore).toBe(false);
  });

  it('answers 400 invalid_input naming since when it is missing', () => expectInvalid('limit=10', "'since'"));
  it('answers 400 invalid_input naming since when it is negative', () =>
    expectInvalid('since=-1', "'since'"));
  it('answers 400 invalid_input naming limit when it is above the maximum', () =>
    expectInvalid(`since=0&limit=${PULL_LIMIT_MAX + 1}`, "'limit'"));
  it('answers 400 invalid_input naming limit when it is zero', () =>
    expectInvalid('since=0&limit=0', "'limit'"));
  it('answers 400 invalid_input naming an unknown parameter', () =>
    expectInvalid('since=0&sinec=1', 'sinec'));
});
