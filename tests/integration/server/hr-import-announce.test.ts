import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_EVENT_CHANGED } from '#shared/wire/sync-events';
import { findCurrentSeq, issueToken } from '#server/server';
import { importPeople } from '#server/provisioning/import-people';
import { runCli } from './admin-cli-support.ts';
import { startTestServer, type ServerFixture } from './server-fixture.ts';
import { openSse, type SseClient } from './sse-client.ts';

const HR = (title: string) =>
  `Employee ID,Name,Email,Title\nE1,Ada Lovelace,ada@example.com,${title}\nE2,Bob Byte,bob@example.com,Engineer\n`;

describe('import-people while a server runs in another process', () => {
  let server: ServerFixture;
  let sse: SseClient;
  let file: string;
  beforeEach(async () => {
    server = await startTestServer();
    file = join(server.dir, 'hr.csv');
    await importPeople(server.db, Buffer.from(HR('Engineer')));
    await server.announceChanges(); // announced before the stream opens: its first event is the CLI's
    const ada = await server.db
      .selectFrom('people')
      .select('id')
      .where('employee_number', '=', 'E1')
      .executeTakeFirstOrThrow();
    sse = await openSse(server.url, await issueToken(server.db, ada.id));
  });
  afterEach(async () => {
    sse.close();
    await server.stop();
  });

  it("pokes an open app's event stream once the CLI's import has committed, and not for an import that changed nothing", async () => {
    const before = await findCurrentSeq(server.db);
    await writeFile(file, HR('Chief Engineer'));
    const run = await runCli(['import-people', file, '--data', server.dir]);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'hr.csv: 2 people (UTF-8)\ncreated 0, updated 1, unchanged 1, deactivated 0\n',
    });
    const event = await sse.next(3000);
    expect(event).toMatchObject({ event: SYNC_EVENT_CHANGED, data: String(before + 1) });

    const again = await runCli(['import-people', file, '--data', server.dir]);
    expect(again.stdout).toContain('created 0, updated 0, unchanged 2, deactivated 0');
    await expect(sse.next(1500)).rejects.toThrow(/No event within 1500 ms/);
  });
});
