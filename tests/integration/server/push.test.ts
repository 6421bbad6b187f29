import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '#shared/wire/auth';
import { PUSH_BODY_MAX_BYTES } from '#shared/wire/push';
import { deletePerson, findCurrentSeq, issueToken, upsertPeople } from '#server/server';
import { findConnection } from '#server/repos/connections.repo';
import { findClient } from '#server/repos/client-mutations.repo';
import { makePerson, range, startTestServer, type ServerFixture } from './server-fixture.ts';
import { push, put, remove } from '../../support/push-fixture.ts';

const ME = 'p000001';
const OTHER = 'p000002';
let server: ServerFixture;
let token: string;
let otherToken: string;
let clientSerial = 0;
let clientId: string;

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 6).map((n) => makePerson(n)),
  );
  token = await issueToken(server.db, ME);
  otherToken = await issueToken(server.db, OTHER);
});
afterAll(() => server.stop());
beforeEach(() => {
  clientId = `client-${String(++clientSerial).padStart(4, '0')}`;
});

const mine = (personId: string) => findConnection(server.db, { ownerId: ME, personId });

describe('POST /v1/sync/push', () => {
  it('applies a new connection onto the defaults with a new seq and the server time', async () => {
    const before = Date.now();
    const seqBefore = await findCurrentSeq(server.db);
    const results = await push(server, token, {
      clientId,
      mutations: [put(1, 'p000003', { kinds: ['mentor'], howMet: 'Onboarding buddy' })],
    });
    expect(results).toEqual([{ mutationId: 1, status: 'applied' }]);
    expect(await findCurrentSeq(server.db)).toBe(seqBefore + 1);
    expect(await mine('p000003')).toEqual({
      personId: 'p000003',
      kinds: ['mentor'],
      strength: 3,
      howMet: 'Onboarding buddy',
      since: null,
      lastInteractionAt: null,
      visibility: 'private',
      keepInTouchDays: null,
      updatedAt: expect.any(Number),
    });
    expect((await mine('p000003'))?.updatedAt).toBeGreaterThanOrEqual(before);
  });

  it('applies a retried push once: the same mutation ids come back duplicate and nothing changes', async () => {
    const request = {
      clientId,
      mutations: [put(1, 'p000004', { strength: 4 }), put(2, 'p000004', { howMet: 'Hackathon' })],
    };
    expect(await push(server, token, request)).toEqual([
      { mutationId: 1, status: 'applied' },
      { mutationId: 2, status: 'applied' },
    ]);
    const seq = await findCurrentSeq(server.db);
    const connection = await mine('p000004');

    expect(await push(server, token, request)).toEqual([
      { mutationId: 1, status: 'duplicate' },
      { mutationId: 2, status: 'duplicate' },
    ]);
    expect(await findCurrentSeq(server.db)).toBe(seq);
    expect(await mine('p000004')).toEqual(connection);

    // A retry that carries the next, new write too: only the new one is applied.
    expect(
      await push(server, token, {
        clientId,
        mutations: [...request.mutations, put(3, 'p000004', { strength: 5 })],
      }),
    ).toEqual([
      { mutationId: 1, status: 'duplicate' },
      { mutationId: 2, status: 'duplicate' },
      { mutationId: 3, status: 'applied' },
    ]);
    expect(await mine('p000004')).toMatchObject({ strength: 5, howMet: 'Hackathon' });
    expect(await findClient(server.db, clientId)).toEqual({ ownerId: ME, lastMutationId: 3 });
  });

  it('rejects an unknown or deleted colleague and the owner themself, with reasons, and goes on', async () => {
    await upsertPeople(server.db, [makePerson(90)]);
    await deletePerson(server.db, 'p000090');
    const results = await push(server, token, {
      clientId,
      mutations: [
        put(1, 'p404404', { strength: 2 }),
        put(2, ME, { strength: 2 }),
        put(3, 'p000090', { strength: 2 }),
        put(4, 'p000005', { strength: 2 }),
      ],
    });
    expect(results).toEqual([
      { mutationId: 1, status: 'rejected', reason: 'No colleague with id p404404' },
      { mutationId: 2, status: 'rejected', reason: "You can't connect to yourself" },
      { mutationId: 3, status: 'rejected', reason: 'No colleague with id p000090' },
      { mutationId: 4, status: 'applied' },
    ]);
    expect(await mine('p404404')).toBeUndefined();
    expect(await mine(ME)).toBeUndefined();
    // Rejected ones count as processed: the client rolled them back and will not send them again.
    expect(await findClient(server.db, clientId)).toEqual({ ownerId: ME, lastMutationId: 4 });

    // Unless the answer was lost: a retry is told the same rejections, with their reasons, not `duplicate`.
    const seq = await findCurrentSeq(server.db);
    expect(
      await push(server, token, {
        clientId,
        mutations: [put(1, 'p404404', { strength: 2 }), put(4, 'p000005', { strength: 2 })],
      }),
    ).toEqual([
      { mutationId: 1, status: 'rejected', reason: 'No colleague with id p404404' },
      { mutationId: 4, status: 'duplicate' },
    ]);
    expect(await findCurrentSeq(server.db)).toBe(seq);
  });

  it('tombstones a connection with a new seq, and reports deleting a missing one applied with no change', async () => {
    await push(server, token, { clientId, mutations: [put(1, 'p000006', { strength: 1 })] });
    const seq = await findCurrentSeq(server.db);
    expect(await push(server, token, { clientId, mutations: [remove(2, 'p000006')] })).toEqual([
      { mutationId: 2, status: 'applied' },
    ]);
    expect(await mine('p000006')).toBeUndefined();
    expect(await findCurrentSeq(server.db)).toBe(seq + 1);

    expect(
      await push(server, token, { clientId, mutations: [remove(3, 'p000006'), remove(4, 'p404404')] }),
    ).toEqual([
      { mutationId: 3, status: 'applied' },
      { mutationId: 4, status: 'applied' },
    ]);
    expect(await findCurrentSeq(server.db)).toBe(seq + 1);

    // A put after a delete starts again from the defaults, not from the tombstone.
    await push(server, token, { clientId, mutations: [put(5, 'p000006', { howMet: 'Again' })] });
    expect(await mine('p000006')).toMatchObject({ strength: 3, howMet: 'Again' });
  });

  it('keeps both edits when two devices change different fields, and the later push when they change the same', async () => {
    const laptop = `${clientId}-laptop`;
    const phone = `${clientId}-phone`;
    await push(server, token, {
      clientId: laptop,
      mutations: [put(1, 'p000005', { strength: 1, howMet: '' })],
    });
    // Offline on both, then each pushes: different fields both survive.
    await push(server, token, { clientId: laptop, mutations: [put(2, 'p000005', { strength: 4 })] });
    await push(server, token, {
      clientId: phone,
      mutations: [put(1, 'p000005', { howMet: 'Met at re:Invent' })],
    });
    expect(await mine('p000005')).toMatchObject({ strength: 4, howMet: 'Met at re:Invent' });
    // Same field: the later push wins.
    await push(server, token, { clientId: phone, mutations: [put(2, 'p000005', { strength: 2 })] });
    await push(server, token, { clientId: laptop, mutations: [put(3, 'p000005', { strength: 5 })] });
    expect(await mine('p000005')).toMatchObject({ strength: 5, howMet: 'Met at re:Invent' });
  });

  it("answers 403 forbidden to another account pushing with someone's client id, changing nothing", async () => {
    await push(server, token, { clientId, mutations: [put(1, 'p000003', { strength: 2 })] });
    const seq = await findCurrentSeq(server.db);
    const response = await server.post(
      '/v1/sync/push',
      { clientId, mutations: [put(2, 'p000003', { strength: 5 })] },
      otherToken,
    );
    expect(response.status).toBe(403);
    expect(ApiError.parse(await response.json()).error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(clientId),
    });
    expect(await findCurrentSeq(server.db)).toBe(seq);
    expect(await findClient(server.db, clientId)).toEqual({ ownerId: ME, lastMutationId: 1 });
    expect(await findConnection(server.db, { ownerId: OTHER, personId: 'p000003' })).toBeUndefined();
  });

  it("writes only the signed-in person's data, whatever the body says", async () => {
    await push(server, otherToken, { clientId, mutations: [put(1, 'p000006', { howMet: 'Team offsite' })] });
    expect(await findConnection(server.db, { ownerId: OTHER, personId: 'p000006' })).toMatchObject({
      howMet: 'Team offsite',
    });
    expect((await mine('p000006'))?.howMet).not.toBe('Team offsite');
  });

  it('answers 401 without a token', async () => {
    const response = await server.post('/v1/sync/push', { clientId, mutations: [put(1, 'p000003', {})] });
    expect(response.status).toBe(401);
  });
});

describe('POST /v1/sync/push with a bad body', () => {
  async function expectInvalid(body: unknown, field: string) {
    const seq = await findCurrentSeq(server.db);
    const response = await server.post('/v1/sync/push', body, token);
    expect(response.status).toBe(400);
    const error = ApiError.parse(await response.json()).error;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(field);
    expect(await findCurrentSeq(server.db)).toBe(seq);
    expect(await findClient(server.db, clientId)).toBeUndefined();
  }

  it('names a field out of range', () =>
    expectInvalid(
      { clientId, mutations: [put(1, 'p000003', { howMet: 'ok' }), put(2, 'p000003', { strength: 9 })] },
      "'mutations.1.patch.strength'",
    ));
  it.each([0, 366, 1.5])('names a keep-in-touch cadence of %s days', (days) =>
    expectInvalid(
      { clientId, mutations: [put(1, 'p000003', { keepInTouchDays: days })] },
      "'mutations.0.patch.keepInTouchDays'",
    ),
  );
  it('names an invalid date', () =>
    expectInvalid({ clientId, mutations: [put(1, 'p000003', { since: '2024-02-31' })] }, 'since'));
  it('names an unknown patch field', () =>
    expectInvalid(
      {
        clientId,
        mutations: [{ type: 'connection.put', mutationId: 1, personId: 'p000003', patch: { colour: 'red' } }],
      },
      'colour',
    ));
  it('names a malformed client id', () =>
    expectInvalid({ clientId: 'x', mutations: [put(1, 'p000003', {})] }, "'clientId'"));
  it('names mutation ids that do not increase', () =>
    expectInvalid(
      { clientId, mutations: [put(2, 'p000003', { strength: 1 }), put(2, 'p000003', { strength: 2 })] },
      "'mutations.1.mutationId'",
    ));
  it('refuses malformed JSON', () => expectInvalid('{"clientId": ', 'JSON'));
  it('refuses an empty batch', () => expectInvalid({ clientId, mutations: [] }, "'mutations'"));

  it('refuses a body over the size limit', async () => {
    const huge = JSON.stringify({
      clientId,
      mutations: [put(1, 'p000003', { howMet: 'x'.repeat(PUSH_BODY_MAX_BYTES) })],
    });
    const seq = await findCurrentSeq(server.db);
    const response = await server.post('/v1/sync/push', huge, token);
    expect(response.status).toBe(413);
    expect(ApiError.parse(await response.json()).error.code).toBe('payload_too_large');
    expect(await findCurrentSeq(server.db)).toBe(seq);
  });
});
