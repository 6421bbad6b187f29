import { z } from 'zod';
import { ServerConfig } from './server-config.ts';

/** How an environment variable's text becomes the key's value. */
export type ConfigKeyKind = 'string' | 'integer' | 'boolean' | 'list';

/** One leaf key of the configuration, e.g. oidc.issuer, with the environment variable that sets it. */
export interface ConfigKey {
  path: readonly string[];
  /** KITH_ and the path in upper snake case: oidc.allowedEmailDomains → KITH_OIDC_ALLOWED_EMAIL_DOMAINS. */
  env: string;
  kind: ConfigKeyKind;
}

/** Every key, derived from the schema: a key added there is settable from the environment at once. */
export const CONFIG_KEYS: readonly ConfigKey[] = listKeys(ServerConfig, []);

/** The prefixes of sections (KITH_OIDC_, KITH_SCIM_): an unknown variable under one is a typo, refused. */
export const SECTION_ENV_PREFIXES: readonly string[] = [
  ...new Set(CONFIG_KEYS.filter((k) => k.path.length > 1).map((k) => `${toEnvName(k.path.slice(0, -1))}_`)),
];

/** a.bC → "a.bC"; array indexes as [n]. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function listKeys(schema: z.ZodObject, path: readonly string[]): ConfigKey[] {
  return Object.entries(schema.shape).flatMap(([name, field]) => {
    const inner = unwrap(field as z.ZodType);
    const keyPath = [...path, name];
    if (inner instanceof z.ZodObject) return listKeys(inner, keyPath);
    return [{ path: keyPath, env: toEnvName(keyPath), kind: kindOf(inner) }];
  });
}

/** The schema under optional / default / nullable wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable)
    inner = inner.unwrap() as z.ZodType;
  return inner;
}

function kindOf(schema: z.ZodType): ConfigKeyKind {
  if (schema instanceof z.ZodNumber) return 'integer';
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodArray) return 'list';
  return 'string';
}

function toEnvName(path: readonly string[]): string {
  return `KITH_${path.map((p) => p.replace(/[A-Z]/g, (c) => `_${c}`)).join('_')}`.toUpperCase();
}
