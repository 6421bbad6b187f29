import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '#shared/wire/auth';
import { BootstrapLine, PullPage, type Change } from '#shared/wire/sync';
import { findCurrentSeq, issueToken, upsertPeople } from '#server/server';
import { makePerson, range, readNdjson, startTestServer, type ServerFixture } from './server-fixture.ts';
import { type Patch, push, put, remove } from '../../support/push-fixture.ts';

const U = 'p000001';
const B = 'p000002';
const SECRET = 'a story only U may read';
let server: ServerFixture;
let uToken: string;
let bToken: string;
let uMutation = 0;
let bMutation = 0;

/** Pushes U's edits, each a [personId, patch], as the next mutations of U's laptop. */
const pushAsU = (...edits: [string, Patch][]) =>
  push(server, uToken, {
    clientId: 'u-laptop-1',
    mutations: edits.map(([personId, patch]) => put(++uMutation, personId, patch)),
  });

async function pull(token: string, since: number, limit = 1000) {
  const response = await server.get(`/v1/sync/pull?since=${since}&limit=${limit}`, token);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, page: PullPage.parse(JSON.parse(text)) };
}

async function bootstrap(token: string, query = '') {
  const response = await server.get(`/v1/sync/bootstrap${query}`, token);
  expect(response.status).toBe(200);
  const text = await response.clone().text();
  return { text, lines: (await readNdjson(response)).map((l) => BootstrapLine.parse(l)) };
}

/** zod strips unknown keys on parse, so a leak is looked for in the raw JSON. */
function expectOnlySharedFields(json: string): number {
  const raw = JSON.stringify(JSON.parse(json));
  const shared = [
    ...raw.matchAll(
      /"(?:entity|type)":"shared_connection"(?:,"op":"upsert","seq":\d+)?,"value":(\{[^}]*\})/g,
    ),
  ];
  for (const [, value] of shared) {
    expect(Object.keys(JSON.parse(value!) as object).sort()).toEqual([
      'kinds',
      'ownerId',
      'personId',
      'strength',
    ]);
  }
  return shared.length;
}

const notPeople = (changes: Change[]) => changes.filter((c) => c.entity !== 'person');
const rowsOf = (lines: BootstrapLine[]) => lines.filter((l) => l.type !== 'begin' && l.type !== 'end');

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 8).map((n) => makePerson(n)),
  );
  uToken = await issueToken(server.db, U);
  bToken = await issueToken(server.db, B);
  await pushAsU(
    [
      'p000003',
      {
        kinds: ['worked_with'],
        strength: 4,
        howMet: SECRET,
        since: '2021-03-01',
        visibility: 'shared',
        keepInTouchDays: 30,
      },
    ],
    ['p000004', { kinds: ['mentor'], howMet: SECRET, lastInteractionAt: '2024-05-02' }],
    ['p000005', { strength: 2 }],
    ['p000006', { strength: 5, visibility: 'shared' }],
  );
  await push(server, bToken, {
    clientId: 'b-phone-0001',
    mutations: [put(++bMutation, 'p000007', { kinds: ['mentee'], howMet: 'B only', visibility: 'shared' })],
  });
});
afterAll(() => server.stop());

describe('GET /v1/sync/pull with connections', () => {
  it("gives the owner their own connections whole and others' shared ones, merged in seq order", async () => {
    const { page } = await pull(uToken, 0);
    const seqs = page.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(page.changes.filter((c) => c.entity === 'person')).toHaveLength(8);
    expect(notPeople(page.changes)).toEqual([
      {
        entity: 'connection',
        op: 'upsert',
        seq: 9,
        value: {
          personId: 'p000003',
          kinds: ['worked_with'],
          strength: 4,
          howMet: SECRET,
          since: '2021-03-01',
          lastInteractionAt: null,
          visibility: 'shared',
          keepInTouchDays: 30,
          updatedAt: expect.any(Number),
        },
      },
      {
        entity: 'connection',
        op: 'upsert',
        seq: 10,
        value: expect.objectContaining({ personId: 'p000004' }),
      },
      {
        entity: 'connection',
        op: 'upsert',
        seq: 11,
        value: expect.objectContaining({ personId: 'p000005' }),
      },
      {
        entity: 'connection',
        op: 'upsert',
        seq: 12,
        value: expect.objectContaining({ personId: 'p000006' }),
      },
      {
        entity: 'shared_connection',
        op: 'upsert',
        seq: 13,
        value: { ownerId: B, personId: 'p000007', kinds: ['mentee'], strength: 3 },
      },
    ]);
    expect(page).toMatchObject({ cursor: 13, hasMore: false });
  });

  it("shows another user only U's shared connections, as owner, person, kinds and strength", async () => {
    const { text, page } = await pull(bToken, 0);
    expect(notPeople(page.changes)).toEqual([
      {
        entity: 'shared_connection',
        op: 'upsert',
        seq: 9,
        value: { ownerId: U, personId: 'p000003', kinds: ['worked_with'], strength: 4 },
      },
      {
        entity: 'shared_connection',
        op: 'upsert',
        seq: 12,
        value: { ownerId: U, personId: 'p000006', kinds: ['other'], strength: 5 },
      },
      { entity: 'connection', op: 'upsert', seq: 13, value: expect.objectContaining({ howMet: 'B only' }) },
    ]);
    expect(text).not.toContain(SECRET);
    expect(expectOnlySharedFields(text)).toBe(2);
    // The cursor still moves past U's private rows, so paging stays exact.
    expect(page).toMatchObject({ cursor: 13, hasMore: false });
  });

  it('pages by seq across tables with limit and hasMore', async () => {
    const first = await pull(bToken, 8, 1);
    expect(first.page.changes.map((c) => c.seq)).toEqual([9]);
    expect(first.page).toMatchObject({ cursor: 9, hasMore: true });
    const second = await pull(bToken, 9, 1);
    expect(second.page.changes.map((c) => c.seq)).toEqual([12]);
    expect(second.page).toMatchObject({ cursor: 12, hasMore: true });
    const third = await pull(bToken, 12, 1);
    expect(third.page).toMatchObject({ cursor: 13, hasMore: false });
  });

  it('tells others to drop a shared connection once it turns private or is removed, and never more', async () => {
    const since = await findCurrentSeq(server.db);
    await pushAsU(['p000003', { visibility: 'private' }]);
    await push(server, uToken, { clientId: 'u-laptop-1', mutations: [remove(++uMutation, 'p000006')] });
    await pushAsU(['p000004', { howMet: `${SECRET}, edited` }]);

    const forB = await pull(bToken, since);
    expect(forB.page.changes).toEqual([
      { entity: 'shared_connection', op: 'delete', seq: since + 1, ownerId: U, personId: 'p000003' },
      { entity: 'shared_connection', op: 'delete', seq: since + 2, ownerId: U, personId: 'p000006' },
    ]);
    expect(forB.text).not.toContain(SECRET);
    expect(forB.page.cursor).toBe(since + 3);

    const forU = await pull(uToken, since);
    expect(forU.page.changes).toEqual([
      {
        entity: 'connection',
        op: 'upsert',
        seq: since + 1,
        value: expect.objectContaining({ personId: 'p000003', visibility: 'private', howMet: SECRET }),
      },
      { entity: 'connection', op: 'delete', seq: since + 2, personId: 'p000006' },
      {
        entity: 'connection',
        op: 'upsert',
        seq: since + 3,
        value: expect.objectContaining({ personId: 'p000004', howMet: `${SECRET}, edited` }),
      },
    ]);

    // A later private edit of the unshared one: B, already told, hears nothing more.
    await pushAsU(['p000003', { strength: 1 }]);
    expect((await pull(bToken, since + 3)).page.changes).toEqual([]);
    // A client that pulls from before the unsharing still gets the delete (at the row's latest seq).
    expect((await pull(bToken, 0)).page.changes).toContainEqual({
      entity: 'shared_connection',
      op: 'delete',
      seq: since + 4,
      ownerId: U,
      personId: 'p000003',
    });
    // Shared again: B sees it again.
    await pushAsU(['p000003', { visibility: 'shared' }]);
    expect((await pull(bToken, since + 4)).page.changes).toEqual([
      {
        entity: 'shared_connection',
        op: 'upsert',
        seq: since + 5,
        value: { ownerId: U, personId: 'p000003', kinds: ['worked_with'], strength: 1 },
      },
    ]);
  });
});

describe('GET /v1/sync/bootstrap with connections', () => {
  it("streams people, then my connections by person id, then others' shared ones, counted in begin", async () => {
    const cursor = await findCurrentSeq(server.db);
    const { lines } = await bootstrap(uToken);
    const rows = rowsOf(lines);
    expect(lines[0]).toEqual({ type: 'begin', dataset: expect.any(String), cursor, total: rows.length });
    expect(lines.at(-1)).toEqual({ type: 'end', cursor, count: rows.length });
    expect(rows.map((l) => l.type)).toEqual([
      ...Array<string>(8).fill('person'),
      'connection',
      'connection',
      'connection',
      'shared_connection',
    ]);
    expect(rows.slice(8)).toEqual([
      { type: 'connection', value: expect.objectContaining({ personId: 'p000003', howMet: SECRET }) },
      { type: 'connection', value: expect.objectContaining({ personId: 'p000004' }) },
      { type: 'connection', value: expect.objectContaining({ personId: 'p000005' }) },
      {
        type: 'shared_connection',
        value: { ownerId: B, personId: 'p000007', kinds: ['mentee'], strength: 3 },
      },
    ]);
  });

  it("shows another user U's shared connections only, without how they met", async () => {
    await pushAsU(['p000008', { strength: 2, visibility: 'shared' }]);
    const { text, lines } = await bootstrap(bToken);
    expect(rowsOf(lines).filter((l) => l.type !== 'person')).toEqual([
      { type: 'connection', value: expect.objectContaining({ personId: 'p000007', howMet: 'B only' }) },
      {
        type: 'shared_connection',
        value: { ownerId: U, personId: 'p000003', kinds: ['worked_with'], strength: 1 },
      },
      {
        type: 'shared_connection',
        value: { ownerId: U, personId: 'p000008', kinds: ['other'], strength: 2 },
      },
    ]);
    expect(text).not.toContain(SECRET);
    const personal = text
      .trimEnd()
      .split('\n')
      .filter((line) => !line.startsWith('{"type":"person"'));
    expect(personal.join('\n')).not.toMatch(/p000004|p000005/);
    expect(personal.map(expectOnlySharedFields).reduce((a, b) => a + b)).toBe(2);
  });

  it('resumes inside the connections section, then sends every later section', async () => {
    const cursor = await findCurrentSeq(server.db);
    const { lines } = await bootstrap(uToken, `?cursor=${cursor}&section=connections&after=p000004`);
    const rows = rowsOf(lines);
    expect(rows).toEqual([
      { type: 'connection', value: expect.objectContaining({ personId: 'p000005' }) },
      { type: 'connection', value: expect.objectContaining({ personId: 'p000008' }) },
      { type: 'shared_connection', value: expect.objectContaining({ ownerId: B, personId: 'p000007' }) },
    ]);
    expect(lines[0]).toMatchObject({ type: 'begin', cursor, total: 3 });
    expect(lines.at(-1)).toEqual({ type: 'end', cursor, count: 3 });
  });

  it('resumes inside the shared section after an owner/person key', async () => {
    const { lines } = await bootstrap(bToken, `?section=shared_connections&after=${U}/p000003`);
    expect(rowsOf(lines)).toEqual([
      { type: 'shared_connection', value: expect.objectContaining({ ownerId: U, personId: 'p000008' }) },
    ]);
    expect(lines[0]).toMatchObject({ total: 1 });
  });

  it('leaves out connections changed after the cursor, which pull delivers', async () => {
    const cursor = await findCurrentSeq(server.db);
    await pushAsU(['p000005', { howMet: 'after the cursor' }]);
    const { lines } = await bootstrap(uToken, `?cursor=${cursor}&section=connections`);
    expect(rowsOf(lines).map((l) => (l.type === 'connection' ? l.value.personId : l.type))).toEqual([
      'p000003',
      'p000004',
      'p000008',
      'shared_connection',
    ]);
  });

  it('answers 400 invalid_input naming the parameter for a bad section or shared key', async () => {
    for (const query of ['?section=secrets', '?section=shared_connections&after=nokey']) {
      const response = await server.get(`/v1/sync/bootstrap${query}`, uToken);
      expect(response.status).toBe(400);
      const error = ApiError.parse(await response.json()).error;
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/'section'|'after'/);
    }
  });
});
