import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { contract, type Channel, type Handlers } from '../../shared/ipc/contract.js';
import type { EventBus } from '../core/events.js';
import { dispatch } from '../core/handlers.js';
import { isAppUrl } from './window.js';

/** Registers every contract channel; requests from frames the app did not create are refused. */
export function registerIpc(handlers: Handlers, log: (m: string) => void): void {
  for (const channel of Object.keys(contract) as Channel[]) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url)) {
        log(`refused ${channel} from ${url}`);
        return { ok: false, error: { code: 'unauthorized', message: 'This window may not call the app.' } };
      }
      return dispatch(handlers, channel, input, log);
    });
  }
}

/** Forwards core events to a window until it closes. */
export function forwardEvents(bus: EventBus, target: WebContents): void {
  const off = bus.onAny((event, payload) => {
    if (!target.isDestroyed()) target.send(event, payload);
  });
  target.once('destroyed', off);
}
