import type { StoreApi } from 'zustand/vanilla';
import type { ChannelInput } from '../../shared/ipc/contract.js';
import type { ConnectionTest, SyncProgress, SyncReport, TwilioStatus } from '../../shared/twilio-types.js';
import type { ApiClient } from '../api/client.js';

/** Twilio state of the window: account, connection test, sync progress and the last report. */
export interface TwilioSlice {
  twilio: TwilioStatus | null;
  twilioTest: ConnectionTest | null;
  twilioTesting: boolean;
  twilioSaving: boolean;
  syncProgress: SyncProgress | null;
  syncReport: SyncReport | null;
  /** True while a sync this window asked for is running. */
  syncing: boolean;

  loadTwilio(): Promise<void>;
  saveTwilioCredentials(input: ChannelInput<'twilio:saveCredentials'>): Promise<boolean>;
  clearTwilioCredentials(): Promise<void>;
  testTwilio(): Promise<void>;
  syncTwilio(): Promise<void>;
  setTwilioSettings(patch: ChannelInput<'twilio:setSettings'>): Promise<void>;
  onSyncProgress(progress: SyncProgress): void;
}

/** What the slice needs from the whole store: its setter/getter, the banner and a source reload. */
interface SliceContext<S extends TwilioSlice> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
  /** True when the banner already shows an error containing this text. */
  isShown: (text: string) => boolean;
  loadSources: () => Promise<void>;
}

/** True while a sync runs, whoever started it (this window, auto-sync or another one). */
export function syncRunning(s: Pick<TwilioSlice, 'syncing' | 'syncProgress' | 'twilio'>): boolean {
  return s.syncing || (s.syncProgress !== null && !s.syncProgress.finished) || s.twilio?.running === true;
}

/** Builds the Twilio part of the app store over one API client. */
export function createTwilioSlice<S extends TwilioSlice>(api: ApiClient, ctx: SliceContext<S>): TwilioSlice {
  const { get, fail } = ctx;
  // The slice only writes its own fields; the cast keeps the generic store's setter happy.
  const set = (patch: Partial<TwilioSlice>): void => ctx.set(patch as Partial<S>);
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      fail(err);
    }
  };

  return {
    twilio: null,
    twilioTest: null,
    twilioTesting: false,
    twilioSaving: false,
    syncProgress: null,
    syncReport: null,
    syncing: false,

    loadTwilio: () => guard(async () => set({ twilio: await api.call('twilio:status', {}) })),

    async saveTwilioCredentials(input) {
      set({ twilioSaving: true });
      try {
        set({ twilio: await api.call('twilio:saveCredentials', input), twilioTest: null });
        return true;
      } catch (err) {
        fail(err);
        return false;
      } finally {
        set({ twilioSaving: false });
      }
    },

    clearTwilioCredentials: () =>
      guard(async () => set({ twilio: await api.call('twilio:clearCredentials', {}), twilioTest: null })),

    testTwilio: () =>
      guard(async () => {
        set({ twilioTesting: true, twilioTest: null });
        try {
          set({ twilioTest: await api.call('twilio:testConnection', {}) });
        } finally {
          set({ twilioTesting: false });
        }
      }),

    async syncTwilio() {
      set({ syncing: true, syncReport: null, syncProgress: null });
      try {
        set({ syncReport: await api.call('twilio:sync', {}) });
      } catch (err) {
        // Shown before `syncing` drops, so a late final progress event sees it and does not repeat it.
        fail(err);
      } finally {
        set({ syncing: false });
      }
      // The first sync creates the Twilio source; the list itself reloads on library:changed.
      await Promise.all([get().loadTwilio(), ctx.loadSources()]);
    },

    setTwilioSettings: (patch) => guard(async () => set({ twilio: await api.call('twilio:setSettings', patch) })),

    onSyncProgress(progress) {
      set({ syncProgress: progress });
      if (!progress.finished) return;
      // A sync this window started reports its own failure, and its last event may come after that reply;
      // a sync started elsewhere (auto-sync) only speaks here.
      if (progress.error !== null && !get().syncing && !ctx.isShown(progress.error)) fail(new Error(`Twilio sync failed: ${progress.error}`));
      if (!get().syncing) void get().loadTwilio();
    },
  };
}
