import { BrowserWindow, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { CSP } from '../../shared/csp.js';

/** The renderer's entry file inside the app bundle. */
export const RENDERER_INDEX = fileURLToPath(new URL('../renderer/index.html', import.meta.url));

/** True when a URL belongs to our own renderer (file:// inside the bundle). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && fileURLToPath(u) === RENDERER_INDEX;
  } catch {
    return false;
  }
}

/** Creates the main window: sandboxed, context-isolated, no Node, CSP, no navigation or new windows. */
export function createMainWindow(): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'CallReview',
    show: false,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(RENDERER_INDEX);
  return win;
}
