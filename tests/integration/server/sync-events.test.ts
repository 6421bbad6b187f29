import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_EVENTS_PATH, SyncChangedData } from '#shared/wire/sync-events';
import { findCurrentSeq, upsertPeople } from '#server/server';
import { createPost, newId, propose } from '../../support/communities.ts';
import { signIn, type Pusher } from './community-fixture.ts';
import { makePerson, range, startTestServer, type ServerFixture } from './server-fixture.ts';
import { openSse, sleep, type SseClient } from './sse-client.ts';

let server: ServerFixture;
let author: Pusher;
let reader: Pusher;
let owner: Pusher;
const streams: SseClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await upsertPeople(
    server.db,
    range(1, 6).map((n) => makePerson(n)),
  );
  author = await signIn(server, 'p000001');
  reader = await signIn(server, 'p000002');
  owner = await signIn(server, 'p000003');
});
// The server ends the streams still open: a client that aborts its fetch leaves undici opening a fresh,
// requestless connection, which the server's close would wait on until the client drops it.
afterAll(async () => {
  await server.stop();
  await Promise.all(streams.map((s) => s.ended));
});

async function listen(who: Pusher) {
  const stream = await openSse(server.url, who.token);
  streams.push(stream);
  return stream;
}

/** No further event reaches the stream within `ms`. */
async function expectQuiet(stream: SseClient, ms: number) {
  const before = stream.events.length;
  await sleep(ms);
  expect(stream.events.slice(before)).toEqual([]);
}

describe('GET /v1/sync/events', () => {
  it('answers 401 without a token', async () => {
    const response = await server.get(SYNC_EVENTS_PATH);
    expect(response.status).toBe(401);
  });

  it('streams changed with the cursor within 1 s of a post in an open community by someone else', async () => {
    const community = newId();
    await author.send(propose(community, { name: 'Open guild' }));
    const stream = await listen(reader);
    const sent = performance.now();
    const [result] = await author.send(createPost(community, 'post'));
    expect(result?.status).toBe('applied');
    const event = await stream.next(1000);
    expect(event.at - sent).toBeLessThan(1000);
    expect(event.event).toBe('changed');
    expect(SyncChangedData.parse(event.data)).toBe(await findCurrentSeq(server.db));
  });

  it('tells only its owner about a private connection', async () => {
    const [mine, theirs] = [await listen(owner), await listen(reader)];
    const [result] = await owner.send({
      type: 'connection.put',
      personId: 'p000004',
      patch: { kinds: ['worked_with'], strength: 3, visibility: 'private' },
    });
    expect(result?.status).toBe('applied');
    expect((await mine.next(1000)).event).toBe('changed');
    await expectQuiet(theirs, 300);
    // Shared, others see it too.
    await owner.send({ type: 'connection.put', personId: 'p000004', patch: { visibility: 'shared' } });
    await Promise.all([mine.next(1000), theirs.next(1000)]);
  });

  it("tells only a private community's members about its posts", async () => {
    const secret = newId();
    await author.send(propose(secret, { name: 'Secret project', visibility: 'private' }));
    const [member, outsider] = [await listen(author), await listen(reader)];
    await author.send(createPost(secret, 'post'));
    await member.next(1000);
    await expectQuiet(outsider, 300);
  });

  it('sends one event for two writes within 50 ms', async () => {
    const community = newId();
    await author.send(propose(community, { name: 'Busy guild' }));
    const stream = await listen(reader);
    await Promise.all([
      author.send(createPost(community, 'post')),
      author.send(createPost(community, 'post')),
    ]);
    const event = await stream.next(1000);
    await expectQuiet(stream, 400);
    expect(SyncChangedData.parse(event.data)).toBe(await findCurrentSeq(server.db));
  });

  it('announces a write made straight through the database once told', async () => {
    const stream = await listen(reader);
    await upsertPeople(server.db, [makePerson(7)]);
    await server.announceChanges();
    expect((await stream.next(1000)).event).toBe('changed');
  });
});

describe('GET /v1/sync/events on shutdown', () => {
  it('ends open streams, and the server closes promptly', async () => {
    const own = await startTestServer();
    try {
      await upsertPeople(own.db, [makePerson(1)]);
      const who = await signIn(own, 'p000001');
      const stream = await openSse(own.url, who.token);
      const started = performance.now();
      const closing = own.close();
      await stream.ended;
      await closing;
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await own.stop();
    }
  });
});
