import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to `filePath` through a temporary file beside it, synced, then renamed over the target:
 * a crash leaves the old file or the new one, never half of one. `mode` applies to a newly created file
 * (0o600 for secrets).
 */
export async function writeFileAtomic(filePath: string, content: string | Uint8Array, { mode = 0o644 } = {}) {
  const temp = join(dirname(filePath), `.${basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(content); // a string as UTF-8
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, filePath);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
