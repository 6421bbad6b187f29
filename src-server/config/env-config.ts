import { ConfigError } from './config-error.ts';
import { CONFIG_KEYS, SECTION_ENV_PREFIXES, formatKeyPath, type ConfigKey } from './config-keys.ts';

export interface EnvConfig {
  /** The keys the environment sets, nested like the file. */
  values: Record<string, unknown>;
  /** Dotted key → the variable that set it, for messages. */
  sources: Map<string, string>;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/**
 * Reads KITH_… variables into configuration values. An empty variable counts as unset. A variable that does
 * not parse, or an unknown one under a section's prefix (KITH_OIDC_ISUER), stops the start with one line.
 */
export function readEnvConfig(env: Readonly<Record<string, string | undefined>>): EnvConfig {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const known = new Set(CONFIG_KEYS.map((k) => k.env));
  for (const name of Object.keys(env).sort()) {
    if (!known.has(name) && SECTION_ENV_PREFIXES.some((prefix) => name.startsWith(prefix)) && env[name])
      throw new ConfigError(`${name}: unknown setting (the README lists every KITH_ variable)`);
  }
  for (const key of CONFIG_KEYS) {
    const text = env[key.env];
    if (text === undefined || text.trim() === '') continue;
    setIn(values, key.path, parseValue(key, text.trim()));
    sources.set(formatKeyPath(key.path), key.env);
  }
  return { values, sources };
}

function parseValue(key: ConfigKey, text: string): unknown {
  const fail = (what: string) =>
    new ConfigError(`${formatKeyPath(key.path)}: must be ${what}, not '${text}' (from ${key.env})`);
  switch (key.kind) {
    case 'integer':
      if (!/^\d+$/.test(text)) throw fail('a whole number');
      return Number(text);
    case 'boolean':
      if (TRUE.has(text.toLowerCase())) return true;
      if (FALSE.has(text.toLowerCase())) return false;
      throw fail('true or false');
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
    case 'string':
      return text;
  }
}

function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown) {
  const last = path[path.length - 1];
  if (last === undefined) return;
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    node = (typeof next === 'object' && next !== null ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[last] = value;
}
