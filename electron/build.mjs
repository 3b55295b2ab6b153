// Bundles the Node-side entry points with esbuild; the renderer is built by Vite.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };
// `packages: 'external'` keeps every dependency in node_modules, which some need at runtime: pdfkit reads its
// own data files next to its code, and the PDF report reads node_modules/dejavu-fonts-ttf/ttf (export/pdf-fonts.ts).

await Promise.all([
  // CLI and browser mode: plain Node; dependencies stay in node_modules.
  build({ ...common, entryPoints: ['electron/cli/callreview.ts'], outfile: 'dist/cli/callreview.js', format: 'esm', packages: 'external' }),
  // Electron main: ESM, electron and dependencies external.
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/main/index.js', format: 'esm', packages: 'external' }),
  // A sandboxed preload must be one CommonJS file that requires nothing but electron.
  build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/preload/index.cjs', format: 'cjs', external: ['electron'] }),
]);
chmodSync('dist/cli/callreview.js', 0o755);
