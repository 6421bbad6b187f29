import { readFile } from 'node:fs/promises';
import { safeStorage } from 'electron';
import type { SecretStore } from '#core/core-types';
import { writeFileAtomic } from '#shared/node/write-file-atomic';

/** name → base64 of safeStorage.encryptString(value); a Map, so no name can reach Object.prototype. */
type Secrets = Map<string, string>;

/**
 * Secrets encrypted with the OS keychain (safeStorage), kept in one JSON file written atomically.
 * Without real OS encryption it refuses to store anything rather than write a token an attacker can read.
 */
export function createSafeStorageSecrets(filePath: string): SecretStore {
  // Writes are serialised so two concurrent set() calls cannot lose each other's change.
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    async get(name) {
      const stored = (await readSecretFile(filePath)).get(name);
      if (stored === undefined) return null;
      assertEncryptionAvailable();
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch (err) {
        throw new Error(
          `Could not decrypt the stored secret "${name}" (was the OS keychain reset?): ${String(err)}`,
        );
      }
    },
    async set(name, value) {
      assertEncryptionAvailable();
      const encrypted = safeStorage.encryptString(value).toString('base64');
      return serialise(async () => {
        const secrets = await readSecretFile(filePath);
        secrets.set(name, encrypted);
        await writeAtomically(filePath, secrets);
      });
    },
    delete(name) {
      return serialise(async () => {
        const secrets = await readSecretFile(filePath);
        if (!secrets.delete(name)) return;
        await writeAtomically(filePath, secrets);
      });
    },
  };
}

function assertEncryptionAvailable(): void {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error(
      'Kith cannot store your sign-in securely: the operating system keychain is not available. ' +
        'Nothing was saved.',
    );
  }
  // On Linux without a secret service, safeStorage "encrypts" with a hard-coded password: as good as plaintext.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new Error(
      'Kith cannot store your sign-in securely: no keyring (GNOME Keyring or KWallet) is running. ' +
        'Nothing was saved.',
    );
  }
}

async function readSecretFile(filePath: string): Promise<Secrets> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`The secrets file ${filePath} is damaged; delete it and sign in again.`);
  }
  return new Map(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

async function writeAtomically(filePath: string, secrets: Secrets): Promise<void> {
  await writeFileAtomic(filePath, `${JSON.stringify(Object.fromEntries(secrets), null, 2)}\n`, {
    mode: 0o600,
  });
}
