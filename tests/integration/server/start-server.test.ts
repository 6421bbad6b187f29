import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Health } from '#shared/wire/health';
import { findCurrentSeq, findPerson, generateOrg, startServer, upsertPeople } from '#server/server';
import { makePerson } from './server-fixture.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('startServer', () => {
  it('seeds a demo org into an empty database, then keeps the people it finds on restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kith-start-'));
    const dbFile = join(dir, 'db', 'kith-server.db');
    const first = await startServer({ dbFile, demo: { size: 'S', seed: 2 } });
    // 200 people, then the demo communities, their members and posts: one seq each.
    const seeded = await findCurrentSeq(first.db);
    const people = await first.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(people.n)).toBe(200);
    expect(seeded).toBeGreaterThan(200);
    await upsertPeople(first.db, [makePerson(201)]);
    await first.close();

    const second = await startServer({ dbFile, demo: { size: 'M', seed: 99 } });
    try {
      expect(await findCurrentSeq(second.db)).toBe(seeded + 1);
      expect(await findPerson(second.db, 'p000001')).toEqual(generateOrg({ size: 'S', seed: 2 }).people[0]);
      expect(await findPerson(second.db, 'p000201')).toEqual(makePerson(201));
    } finally {
      await second.close();
    }
  });

  it('listens on an ephemeral 127.0.0.1 port by default and stops serving after close', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kith-start-'));
    const server = await startServer({ dbFile: join(dir, 'kith-server.db') });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Health.parse(await (await fetch(`${server.url}/v1/health`)).json())).toEqual({ ok: true });
    await server.close();
    await expect(fetch(`${server.url}/v1/health`)).rejects.toThrow();
  });
});
