import { app, dialog, BrowserWindow } from 'electron';
import { createCore } from '../core/app-core.js';
import { createHandlers } from '../core/handlers.js';
import { FolderWatcher } from '../core/library/folder-watcher.js';
import { defaultDataDir } from '../core/paths.js';
import { handleAudioProtocol, registerAudioScheme } from './audio-protocol.js';
import { forwardEvents, registerIpc } from './ipc.js';
import { safeStorageCredentialStore, safeStorageOpenAiKeyStore } from './safe-storage-store.js';
import { createMainWindow } from './window.js';

// The composition root of the desktop app: core services get plain paths, the shell adds dialogs and windows.
const log = (m: string) => console.error(`[callreview] ${m}`);
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

if (!app.requestSingleInstanceLock()) app.quit();
// Privileged schemes can only be declared before the app is ready.
registerAudioScheme();

app.whenReady().then(async () => {
  let core;
  try {
    core = createCore(dataDir, { credentials: safeStorageCredentialStore(dataDir), openaiKeys: safeStorageOpenAiKeyStore(dataDir), log });
  } catch (err) {
    dialog.showErrorBox('CallReview cannot open its library', (err as Error).message);
    app.exit(1);
    return;
  }
  const handlers = createHandlers(core, {
    mode: 'electron',
    version: app.getVersion(),
    pickFolder: async () => {
      const win = BrowserWindow.getFocusedWindow();
      const opts = { properties: ['openDirectory' as const], title: 'Add a folder of call recordings' };
      const res = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return res.canceled ? null : (res.filePaths[0] ?? null);
    },
    pickExportFolder: async () => {
      const win = BrowserWindow.getFocusedWindow();
      const opts = { properties: ['openDirectory' as const, 'createDirectory' as const], title: 'Export to folder', buttonLabel: 'Export here' };
      const res = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return res.canceled ? null : (res.filePaths[0] ?? null);
    },
  });
  registerIpc(handlers, log);
  handleAudioProtocol(core, log);
  const watcher = new FolderWatcher(core.repos, core.library, core.bus, 2000, log);
  // Not awaited: the window should not wait for a large folder's initial watch scan.
  watcher.start().catch((err: unknown) => log(`watching failed: ${String(err)}`));
  core.twilio.startAutoSync();
  // Jobs left queued (or running when the app last stopped) resume here.
  core.jobs.start();
  // Backfill peaks for files imported before (or while) the app was closed.
  core.peaks.scheduleMissing();
  // Calls imported before metrics existed (or while the app was closed) get theirs.
  core.metrics.queueMissing();
  const win = createMainWindow();
  forwardEvents(core.bus, win.webContents);
  app.on('before-quit', () => {
    void watcher.close();
    core.close();
  });
}, (err: unknown) => log(String(err)));

app.on('window-all-closed', () => app.quit());
