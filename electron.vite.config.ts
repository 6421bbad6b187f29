import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The server is a second entry so the app can fork it for the demo org; main never imports it.
        input: { index: resolve('src-main/app/main.ts'), server: resolve('src-server/main.ts') },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve('src-preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    build: { rollupOptions: { input: resolve('src-renderer/index.html') } },
    plugins: [react()],
  },
});
