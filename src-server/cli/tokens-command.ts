import {
  createProvisioningToken,
  listProvisioningTokens,
  revokeProvisioningToken,
} from '../repos/provisioning-tokens.repo.ts';
import { ConfigError } from '../config/config-error.ts';
import {
  DATABASE_OPTIONS,
  DATABASE_USAGE,
  parseCommandArgs,
  type AdminCommand,
  type CommandContext,
} from './command-context.ts';
import { openServerDb } from './open-server-db.ts';

export const TOKENS_USAGE = [
  'Usage: kith-server tokens create --scim [--name <label>] ' + DATABASE_USAGE,
  '       kith-server tokens list ' + DATABASE_USAGE,
  '       kith-server tokens revoke <id> ' + DATABASE_USAGE,
  '',
  'Provisioning tokens let your identity provider (Entra ID, Okta…) call /scim/v2. A token is shown once,',
  'when it is created, and stored hashed; revoke it to cut that integration off.',
].join('\n');

const OPTIONS = { ...DATABASE_OPTIONS, scim: { type: 'boolean' }, name: { type: 'string' } } as const;

/** `tokens create | list | revoke`: provisioning tokens for SCIM. */
export const tokensCommand: AdminCommand = async (args, context) => {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, TOKENS_USAGE);
  const [action, ...rest] = positionals;
  if (values.help || action === undefined) {
    (values.help ? context.out : context.err)(TOKENS_USAGE);
    return values.help ? 0 : 2;
  }
  if (action !== 'create' && action !== 'list' && action !== 'revoke')
    throw new ConfigError(`tokens: unknown action '${action}' (create, list or revoke)\n${TOKENS_USAGE}`);
  if (action === 'create' && !values.scim)
    throw new ConfigError('tokens create: say what the token is for: --scim (the only kind there is)');
  if (action !== 'create' && (values.scim || values.name !== undefined))
    throw new ConfigError(`tokens ${action}: --scim and --name belong to tokens create`);
  const [id, ...extra] = rest;
  if (action === 'revoke' && (id === undefined || extra.length > 0))
    throw new ConfigError('tokens revoke: give the id of one token (tokens list shows them)');
  if (action !== 'revoke' && id !== undefined) throw new ConfigError(`tokens ${action}: unexpected '${id}'`);

  const { db, config } = await openServerDb(values, context);
  try {
    if (action === 'create') return await create(db, values.name ?? 'SCIM', config.publicUrl, context);
    if (action === 'list') return await list(db, context);
    return await revoke(db, id ?? '', context);
  } finally {
    await db.destroy();
  }
};

type Db = Awaited<ReturnType<typeof openServerDb>>['db'];

async function create(db: Db, name: string, publicUrl: string | undefined, { out }: CommandContext) {
  const { id, token } = await createProvisioningToken(db, name);
  const tenantUrl = `${publicUrl?.replace(/\/+$/, '') ?? 'https://<your Kith server>'}/scim/v2`;
  out(`Created provisioning token ${id} (${name.trim()}). It is shown this once; store it now:`);
  out(token);
  out(
    `In your identity provider: Tenant URL ${tenantUrl}, Secret Token the line above (sent as Authorization: Bearer).`,
  );
  return 0;
}

async function list(db: Db, { out }: CommandContext) {
  const tokens = await listProvisioningTokens(db);
  if (tokens.length === 0) {
    out('No provisioning tokens. Create one with: npm run server -- tokens create --scim --name "Entra ID"');
    return 0;
  }
  const header = ['ID', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'];
  const rows = [
    header,
    ...tokens.map((t) => [t.id, t.name, t.createdAt, t.lastUsedAt ?? 'never', t.revokedAt ?? '-']),
  ];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  for (const row of rows)
    out(
      row
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  return 0;
}

async function revoke(db: Db, id: string, { out, err }: CommandContext) {
  if (await revokeProvisioningToken(db, id)) {
    out(`Revoked provisioning token ${id}: it no longer opens /scim/v2.`);
    return 0;
  }
  err(`kith-server: tokens revoke: no live token with id ${id} (tokens list shows them)`);
  return 1;
}
