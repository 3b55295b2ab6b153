import { homedir } from 'node:os';
import { join } from 'node:path';

/** The app's name as Electron derives its userData folder from it. */
export const APP_NAME = 'CallReview';

/** The per-user data folder, the same one Electron's app.getPath('userData') gives for this app. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CALLREVIEW_DATA_DIR) return env.CALLREVIEW_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
