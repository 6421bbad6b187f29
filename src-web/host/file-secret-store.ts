import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '#core/core-types';
import { writeFileAtomic } from '#shared/node/write-file-atomic';

/**
 * The web host's secret store: a JSON file in the data folder, readable by its owner only. Good enough for
 * development and tests; the app uses the OS keychain instead.
 */
export function createFileSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, 'web-host-secrets.json');
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
  };
  const save = (secrets: Record<string, string>) =>
    writeFileAtomic(file, JSON.stringify(secrets), { mode: 0o600 });
  // Writes are serialised so two quick updates cannot lose one another.
  const update = (change: (secrets: Record<string, string>) => Record<string, string>) => {
    const next = queue.then(async () => save(change(await load())));
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async get(name) {
      return (await load())[name] ?? null;
    },
    set: (name, value) => update((secrets) => ({ ...secrets, [name]: value })),
    delete: (name) =>
      update((secrets) => Object.fromEntries(Object.entries(secrets).filter(([key]) => key !== name))),
  };
}
