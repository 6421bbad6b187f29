import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LineCounter, isMap, parseDocument } from 'yaml';
import { describeError } from '#shared/errors';
import { ConfigError } from './config-error.ts';

export interface ConfigFile {
  /** The file's name, for messages. */
  name: string;
  values: Record<string, unknown>;
  /** The line a key (or its nearest written ancestor) is on; undefined when the file does not mention it. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Reads a YAML configuration file; a file that is missing or not YAML stops the start, naming the line. */
export function readConfigFile(file: string): ConfigFile {
  const name = basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`--config: cannot read ${file} (${describeError(err)})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0].line;
    const what = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${name}${line ? ` line ${line}` : ''}: not valid YAML: ${what}`);
  }
  if (doc.contents !== null && !isMap(doc.contents))
    throw new ConfigError(
      `${name}: must be a mapping of keys such as "publicUrl: https://…" (see the README)`,
    );
  const values = (doc.toJS() ?? {}) as Record<string, unknown>;
  return {
    name,
    values,
    lineOf(path) {
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] };
        if (node?.range) return lines.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}
