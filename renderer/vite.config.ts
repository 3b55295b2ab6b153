import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// `base: './'` keeps asset URLs relative: Electron loads the build from file://.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline modulepreload polyfill: the CSP forbids inline script.
    modulePreload: { polyfill: false },
    // One ~550 kB bundle (React + wavesurfer) loads from disk or loopback; splitting it delayed opening a call.
    chunkSizeWarningLimit: 800,
  },
});
