// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layering of ARCHITECTURE.md ("Code map"), as import bans per folder. */
const ban = {
  electron: { name: 'electron', message: "'electron' is imported only in src-main/app and src-preload." },
  node: { group: ['node:*'], message: 'This layer runs outside Node.' },
  react: {
    group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    message: 'React belongs to src-renderer.',
  },
  core: { group: ['#core/*', '**/src-main/**'], message: 'Reach the core only through the contract.' },
  server: { group: ['#server/*', '**/src-server/**'], message: 'src-server is a separate process.' },
  sharedNode: {
    group: ['#shared/node/*', '**/src-shared/node/**'],
    message: 'src-shared/node is Node-only.',
  },
  renderer: { group: ['**/src-renderer/**'], message: 'Nothing imports the renderer.' },
  zod: {
    name: 'zod',
    message: 'The sandboxed preload is bundled without zod: names come from #shared/ipc/channels.',
  },
};

/** @param {Array<{name?: string, group?: string[], message: string}>} rules */
function restrict(rules) {
  const paths = rules
    .filter((r) => r.name)
    .map((r) => ({ name: /** @type {string} */ (r.name), message: r.message }));
  const patterns = rules
    .filter((r) => r.group)
    .map((r) => ({ group: /** @type {string[]} */ (r.group), message: r.message }));
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  // A test that asserts a value exists may then use it.
  { files: ['tests/**', 'bench/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  {
    files: ['src-shared/**'],
    ignores: ['src-shared/node/**'],
    rules: restrict([ban.electron, ban.node, ban.react, ban.core, ban.server, ban.sharedNode, ban.renderer]),
  },
  // What the preload bundles from src-shared (its values; contract.ts gives it types only).
  {
    files: ['src-shared/ipc/channels.ts', 'src-shared/ipc/bridge.ts'],
    rules: restrict([
      ban.electron,
      ban.node,
      ban.react,
      ban.core,
      ban.server,
      ban.sharedNode,
      ban.renderer,
      ban.zod,
    ]),
  },
  {
    files: ['src-shared/node/**'],
    rules: restrict([ban.electron, ban.react, ban.core, ban.server, ban.renderer]),
  },
  { files: ['src-main/core/**'], rules: restrict([ban.electron, ban.react, ban.server, ban.renderer]) },
  { files: ['src-main/app/**'], rules: restrict([ban.react, ban.server, ban.renderer]) },
  {
    files: ['src-preload/**'],
    rules: restrict([ban.node, ban.react, ban.core, ban.server, ban.sharedNode, ban.renderer, ban.zod]),
  },
  { files: ['src-server/**'], rules: restrict([ban.electron, ban.react, ban.core, ban.renderer]) },
  {
    files: ['src-renderer/**', 'src-web/bridge/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([ban.electron, ban.node, ban.core, ban.server, ban.sharedNode]),
    },
  },
  // The graph's model is pure (ARCHITECTURE.md, src-renderer: testable without React); its hooks live beside the screen.
  {
    files: ['src-renderer/graph/**'],
    rules: restrict([ban.electron, ban.node, ban.react, ban.core, ban.server, ban.sharedNode]),
  },
  {
    files: ['src-web/**'],
    ignores: ['src-web/bridge/**'],
    rules: restrict([ban.electron, ban.react, ban.renderer]),
  },
);
