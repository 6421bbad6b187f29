import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '#core/create-core';
import { issueToken, startServer } from '#server/server';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { fileKeyStore } from '../../support/file-key-store.ts';
import { memorySecrets } from '../../support/memory-secrets.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { ada, DEMO, me, note, outboxSize, settle, startPushFixture } from '../../support/push-fixture.ts';

const PASSPHRASE = 'a long and private passphrase';

describe('deleting a note pushed but not pulled yet', () => {
  let fx: Awaited<ReturnType<typeof startPushFixture>>;
  let keys: Awaited<ReturnType<typeof makeTempDir>>;
  let proxy: FaultProxy;
  beforeEach(async () => {
    fx = await startPushFixture();
    keys = await makeTempDir();
    proxy = await startFaultProxy(fx.url);
  });
  afterEach(async () => {
    await proxy.close();
    await fx.close();
    await keys.remove();
  });

  it('deletes it on the server too: it does not come back with the next pull', async () => {
    const laptop = await fx.signedInCore('laptop', {
      serverUrl: proxy.url,
      keyStore: fileKeyStore(join(keys.path, 'laptop')),
    });
    await settle(laptop.core);
    await laptop.core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
    await settle(laptop.core);

    proxy.fail('/v1/sync/pull', { kind: 'status', status: 503 });
    const created = await laptop.core.handlers.notes.save(note('Written, then thought better of'));
    expect(await settle(laptop.core)).toMatchObject({ state: 'error' }); // pushed, but the pull failed
    const onServer = () =>
      fx.server.db.selectFrom('notes').select(['rev', 'deleted']).where('id', '=', created.id).execute();
    expect(await onServer()).toEqual([{ rev: 1, deleted: 0 }]);
    expect(await outboxSize(laptop.db)).toBe(0);

    expect(await laptop.core.handlers.notes.delete({ id: created.id })).toEqual({ deleted: true });
    expect(await outboxSize(laptop.db)).toBe(1);
    proxy.heal();
    expect(await settle(laptop.core)).toMatchObject({ state: 'idle' });
    expect(await onServer()).toEqual([{ rev: 2, deleted: 1 }]);
    expect(await laptop.core.handlers.notes.listForPerson({ personId: ada.id })).toEqual([]);
  });
});

describe("the server's database, written by a real client", () => {
  it('never holds a note’s text or tag, in the file or its WAL, nor whom the note is about', async () => {
    const dir = await makeTempDir();
    const dbFile = join(dir.path, 'server', 'kith-server.db');
    const server = await startServer({ dbFile, demo: DEMO });
    const proxy = await startFaultProxy(server.url);
    const core = await createCore({
      dataDir: join(dir.path, 'laptop'),
      secrets: memorySecrets(),
      keyStore: fileKeyStore(join(dir.path, 'keys')),
    });
    try {
      const marker = `PLAINTEXT-MARKER-${randomBytes(8).toString('hex')}`;
      const tag = `tag-${randomBytes(6).toString('hex')}`;
      await core.handlers.session.connectServer({
        serverUrl: proxy.url,
        token: await issueToken(server.db, me),
      });
      await settle(core);
      await core.handlers.notes.setUpEncryption({ passphrase: PASSPHRASE });
      const written = await core.handlers.notes.save(
        note(`Met ${marker} at the offsite`, { tags: [tag], followUpAt: '2026-12-01' }),
      );
      expect(await settle(core)).toMatchObject({ state: 'idle' });

      const rows = await server.db.selectFrom('notes').selectAll().where('owner_id', '=', me).execute();
      expect(rows.map((r) => r.id)).toEqual([written.id]);
      const ciphertext = rows[0]!.ciphertext!;
      // Nothing the server stores with the note, nor anything the client sent it, names the colleague.
      expect(JSON.stringify(rows)).not.toContain(ada.id);
      const pushed = proxy.requestsTo('/v1/sync/push').map((e) => e.requestBody);
      expect(pushed.join('\n')).toContain(ciphertext);
      for (const secret of [marker, tag, ada.id]) expect(pushed.join('\n')).not.toContain(secret);

      const readAll = async () =>
        Buffer.concat(
          await Promise.all([dbFile, `${dbFile}-wal`].map((f) => readFile(f).catch(() => Buffer.alloc(0)))),
        );
      const live = await readAll();
      // The bytes read are the database's: the ciphertext is there, the text it hides is not.
      expect(live.includes(ciphertext)).toBe(true);
      expect(live.includes(marker)).toBe(false);
      expect(live.includes(tag)).toBe(false);

      await core.close();
      await proxy.close();
      await server.close(); // checkpoints the WAL into the file
      const closed = await readAll();
      expect(closed.includes(ciphertext)).toBe(true);
      expect(closed.includes(marker)).toBe(false);
      expect(closed.includes(tag)).toBe(false);
    } finally {
      await core.close().catch(() => undefined);
      await proxy.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      await dir.remove();
    }
  });
});
