import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The preload as electron-vite bundles it: one CommonJS script, everything inlined but 'electron'. */
async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: ['src-preload/index.ts'],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    external: ['electron'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('src-preload bundle', () => {
  it('requires only electron and inlines no package (no zod)', async () => {
    const code = await bundlePreload();
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
    expect(code).not.toMatch(/node_modules|zod/i);
  });
});
