import { build } from 'esbuild';
import { join } from 'node:path';

/** Bundles src-web/bridge/web-bridge.ts into one classic script, in memory, at start-up. */
export async function buildBridge(repoRoot: string): Promise<string> {
  const result = await build({
    entryPoints: [join(repoRoot, 'src-web', 'bridge', 'web-bridge.ts')],
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for the web bridge');
  return output.text;
}
