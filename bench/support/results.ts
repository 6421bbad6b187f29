import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const runId = new Date().toISOString().replace(/[:.]/g, '-');
const dir = join(import.meta.dirname, '..', 'results');
const file = join(dir, `${runId}.jsonl`);

/** One benchmark figure: a JSON line on stdout and in bench/results/<run>.jsonl. */
export function report(name: string, figures: Record<string, unknown>) {
  const line = JSON.stringify({ bench: name, at: new Date().toISOString(), ...figures });
  mkdirSync(dir, { recursive: true });
  appendFileSync(file, `${line}\n`);
  process.stdout.write(`${line}\n`);
}
