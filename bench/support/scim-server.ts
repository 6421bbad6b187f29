import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createProvisioningToken } from '#server/repos/provisioning-tokens.repo';
import { startServer } from '#server/server';

/*
 * A server with SCIM on and a fresh provisioning token, in its own process for bench/scim.bench.ts: prints
 * `KITH_SCIM_TOKEN <token>`, then the ready line. Usage: tsx bench/support/scim-server.ts <data folder>.
 */
const dir = process.argv[2];
if (!dir) throw new Error('Usage: scim-server.ts <data folder>');
await rm(dir, { recursive: true, force: true });
const server = await startServer({ dbFile: join(dir, 'kith-server.db'), scim: true });
const { token } = await createProvisioningToken(server.db, 'benchmark');
process.stdout.write(`KITH_SCIM_TOKEN ${token}\nKITH_SERVER_READY ${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
