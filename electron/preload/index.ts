import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeApi } from '../../shared/ipc/bridge.js';
import { isChannel, isEventName } from '../../shared/ipc/contract.js';
import type { Envelope } from '../../shared/ipc/envelope.js';

// Only contract channels pass; the main side validates the payloads again with zod.
const api: BridgeApi = {
  invoke(channel, input) {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${channel}` } });
    return ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>;
  },
  on(event, listener) {
    if (!isEventName(event)) return () => {};
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld('api', api);
