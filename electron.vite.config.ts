import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // The server is a second entry so the app can fork it for the demo org; main never imports it.
        input: { index: resolve('src-main/app/main.ts'), server: resolve('src-server/main.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload is a classic script with a require() that knows only 'electron' (and a few
      // built-ins): no ES modules, no local files, no node_modules. So: one CommonJS file, everything inlined.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    // electron-vite leaves bundles unminified; the renderer is the one whose size a person waits for.
    build: { minify: true, rollupOptions: { input: resolve('src-renderer/index.html') } },
    plugins: [react()],
  },
});
