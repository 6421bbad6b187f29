import { join } from 'node:path';
import { report } from './support/results.ts';
import { startServerProcess } from './support/server-process.ts';
import { percentile, round } from './support/stats.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** What Entra ID sends to create a user (one request each, as it provisions). */
function entraUser(i: number, managerId: string | undefined) {
  return {
    schemas: [USER, ENTERPRISE],
    externalId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    userName: `user${i}@contoso.example`,
    active: true,
    displayName: `User ${i}`,
    name: { givenName: 'User', familyName: String(i) },
    title: 'Engineer',
    emails: [{ primary: true, type: 'work', value: `user${i}@contoso.example` }],
    addresses: [{ type: 'work', locality: ['Lyon', 'Paris', 'Berlin'][i % 3] }],
    [ENTERPRISE]: {
      department: `Department ${i % 40}`,
      employeeNumber: String(100000 + i),
      ...(managerId ? { manager: managerId } : {}),
    },
  };
}

/** Entra ID's PATCHes: a new title, a move, a deactivation, in turn. */
function entraPatch(i: number) {
  const ops = [
    [{ op: 'Replace', path: 'title', value: `Senior Engineer ${i}` }],
    [{ op: 'Replace', path: `${ENTERPRISE}:department`, value: `Department ${(i * 7) % 40}` }],
    [{ op: 'Replace', path: 'active', value: 'False' }],
  ];
  return { schemas: [PATCH_OP], Operations: ops[i % ops.length] };
}

/** Sends requests one after another over one keep-alive connection (fetch pools it); each must answer `status`. */
async function timed(requests: Iterable<() => Promise<Response>>, status: number) {
  const samples: number[] = [];
  const started = performance.now();
  for (const send of requests) {
    const t = performance.now();
    const response = await send();
    const text = await response.text();
    if (response.status !== status) throw new Error(`Expected ${status}, got ${response.status}: ${text}`);
    samples.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: samples.length,
    seconds: round(seconds),
    requestsPerSecond: round(samples.length / seconds, 0),
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
  };
}

/**
 * SCIM provisioning as a directory does it: `users` POST /Users one request each (every 10th reports to the
 * first user created), then `patches` PATCH /Users/:id, against the real server in its own process.
 */
export async function benchScim({
  workDir,
  users,
  patches,
}: {
  workDir: string;
  users: number;
  patches: number;
}) {
  let token = '';
  const server = await startServerProcess([join(workDir, 'scim-server')], {
    entry: join(import.meta.dirname, 'support', 'scim-server.ts'),
    onLine: (line) => {
      const match = /^KITH_SCIM_TOKEN (\S+)$/.exec(line);
      if (match) token = match[1]!;
    },
  });
  try {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
    const base = `${server.url}/scim/v2`;
    const ids: string[] = [];
    const send = (method: string, path: string, body: unknown) => () =>
      fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) });
    const first = (await (await send('POST', '/Users', entraUser(0, undefined))()).json()) as { id: string };
    ids.push(first.id);
    const create = await timed(
      (function* () {
        for (let i = 1; i < users; i++)
          yield async () => {
            const response = await send(
              'POST',
              '/Users',
              entraUser(i, i % 10 === 0 ? first.id : undefined),
            )();
            const clone = response.clone();
            ids.push(((await clone.json()) as { id: string }).id);
            return response;
          };
      })(),
      201,
    );
    report('scim.create-users', { users, ...create });
    const patch = await timed(
      (function* () {
        for (let i = 0; i < patches; i++)
          yield send('PATCH', `/Users/${ids[(i * 7919) % ids.length]}`, entraPatch(i));
      })(),
      200,
    );
    report('scim.patch-users', { users, patches, ...patch });
  } finally {
    await server.stop();
  }
}
