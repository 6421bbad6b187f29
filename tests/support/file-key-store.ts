import { mkdirSync } from 'node:fs';
import { createFileSecretStore } from '../../src-web/host/file-secret-store.ts';
import { createSecretKeyStore, type KeyStore } from '#core/notes/key-store';

/** A KeyStore in a JSON file under `dir` (what the web host uses): a device's keychain in tests. */
export function fileKeyStore(dir: string): KeyStore {
  mkdirSync(dir, { recursive: true });
  return createSecretKeyStore(createFileSecretStore(dir));
}
