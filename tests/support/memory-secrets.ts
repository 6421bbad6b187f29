import type { SecretStore } from '#core/core-types';

/** A SecretStore held in memory, for tests that don't exercise the keychain. */
export function memorySecrets(
  initial: Record<string, string> = {},
): SecretStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}
