import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from './config-error.ts';
import { readConfigFile, type ConfigFile } from './config-file.ts';
import { formatKeyPath } from './config-keys.ts';
import { describeIssue } from './describe-issue.ts';
import { readEnvConfig, type EnvConfig } from './env-config.ts';
import { ServerConfig } from './server-config.ts';

export interface ConfigSources {
  /** The YAML file (--config or KITH_CONFIG), already resolved; none: environment and defaults only. */
  file?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** What a relative data folder from the environment or the defaults is relative to. */
  cwd: string;
}

/**
 * The server configuration from defaults, then the file, then KITH_… variables (each overrides the one
 * before, key by key), validated. `dataDir` comes back absolute: a file's relative to the file's folder,
 * the environment's and the default relative to `cwd`. A wrong, missing or unknown key throws a
 * ConfigError whose one line names the key and where it came from.
 */
export function loadServerConfig({ file, env, cwd }: ConfigSources): ServerConfig {
  const fromFile = file === undefined ? undefined : readConfigFile(file);
  const fromEnv = readEnvConfig(env);
  const merged = mergeDeep(fromFile?.values ?? {}, fromEnv.values);
  const result = ServerConfig.safeParse(merged);
  if (!result.success) throw new ConfigError(describeFirstIssue(result.error, merged, fromFile, fromEnv));
  const config = result.data;
  const dataDirBase = fromEnv.sources.has('dataDir') || !file ? cwd : dirname(file);
  return { ...config, dataDir: resolve(dataDirBase, config.dataDir) };
}

function describeFirstIssue(
  error: z.ZodError,
  input: Record<string, unknown>,
  file: ConfigFile | undefined,
  env: EnvConfig,
): string {
  // A misspelt key also shows as the right one missing: name the misspelling.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  if (!issue) return error.message;
  const path =
    issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue.path as PropertyKey[]);
  const key = formatKeyPath(path);
  const given = path.reduce<unknown>(
    (node, part) => (node as Record<PropertyKey, unknown> | undefined)?.[part],
    input,
  );
  return `${key}: ${describeIssue(issue, given !== undefined && given !== null)}${describeSource(path, file, env)}`;
}

/** " (from KITH_X)", " (kith-server.yaml line 4)", or where the key's section was configured. */
function describeSource(path: readonly PropertyKey[], file: ConfigFile | undefined, env: EnvConfig): string {
  const exact = env.sources.get(formatKeyPath(path));
  if (exact) return ` (from ${exact})`;
  const line = file?.lineOf(path);
  if (file && line !== undefined) return ` (${file.name} line ${line})`;
  const section = formatKeyPath(path.slice(0, 1));
  const sectionVar = [...env.sources].find(([key]) => key.startsWith(`${section}.`))?.[1];
  return sectionVar ? ` (${section} is configured by ${sectionVar})` : '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over`'s keys replace `base`'s, recursing into objects; lists are replaced whole. */
function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
  }
  return out;
}
