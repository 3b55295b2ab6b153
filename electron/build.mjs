// Bundles the Node-side entry points with esbuild; the renderer is built by Vite.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  // CLI and browser mode: plain Node; dependencies stay in node_modules.
  build({ ...common, entryPoints: ['electron/cli/callreview.ts'], outfile: 'dist/cli/callreview.js', format: 'esm', packages: 'external' }),
  // Electron main: ESM, electron and dependencies external.
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/main/index.js', format: 'esm', packages: 'external' }),
  // A sandboxed preload must be one CommonJS file that requires nothing but electron.
  build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/preload/index.cjs', format: 'cjs', external: ['electron'] }),
]);
chmodSync('dist/cli/callreview.js', 0o755);
