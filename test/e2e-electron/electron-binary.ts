import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The Electron executable if one is installed, without triggering electron's lazy download. */
export function findElectronBinary(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'linux' ? 'electron' : null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  if (!rel) return null;
  const exe = join(distDir, rel);
  return existsSync(exe) ? exe : null;
}

/** Why the suite skips, said plainly. */
export const SKIP_REASON =
  'No Electron binary on this machine (node_modules/electron/dist is absent and it cannot be downloaded here): the _electron suite runs where one exists.';
