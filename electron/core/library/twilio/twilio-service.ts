import { AppError } from '../../../../shared/ipc/envelope.js';
import { TwilioSettings, type ConnectionTest, type SyncReport, type TwilioStatus } from '../../../../shared/twilio-types.js';
import type { Repos } from '../../db/repos/index.js';
import type { EventBus } from '../../events.js';
import { TwilioCredentialInput, toCredentials, type CredentialStore, type TwilioCredentials } from './credentials.js';
import { TWILIO_API_ORIGIN } from './http-client.js';
import { DEFAULT_RETRY, TransientError, type RetryPolicy } from './retry.js';
import { apiFor, runSync, type SyncDeps } from './twilio-sync.js';
import { CredentialsRejected } from './twilio-api.js';

const SETTINGS_KEY = 'twilio.settings';

/** What the Twilio service is built from; shells pass their credential store. */
export interface TwilioServiceOptions {
  repos: Repos;
  bus: EventBus;
  dataDir: string;
  now: () => string;
  store: CredentialStore;
  fetch: typeof fetch;
  env?: NodeJS.ProcessEnv;
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
  pageSize?: number;
  timeoutMs?: number;
  log?: (m: string) => void;
}

/** Reads TWILIO_API_BASE_URL (default the real API); only http(s) URLs are accepted. */
export function apiBaseUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.TWILIO_API_BASE_URL?.trim() || TWILIO_API_ORIGIN;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('bad-request', `TWILIO_API_BASE_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('bad-request', `TWILIO_API_BASE_URL must be http(s): ${raw}`);
  return url.href.replace(/\/$/, '');
}

/** A YYYY-MM-DD day as midnight UTC; null unless it is a real calendar day (2024-02-30 is not). */
export function parseSinceDay(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === day ? d : null;
}

/** Credentials, settings, "test connection", sync (one at a time) and auto-sync. */
export class TwilioService {
  private running: Promise<SyncReport> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private autoSync = false;
  private readonly deps: SyncDeps;

  /** Why Twilio cannot be used as configured (a bad TWILIO_API_BASE_URL), or null. */
  private readonly setupError: string | null = null;

  constructor(private readonly o: TwilioServiceOptions) {
    const env = o.env ?? process.env;
    let baseUrl = TWILIO_API_ORIGIN;
    try {
      baseUrl = apiBaseUrl(env);
    } catch (err) {
      // A bad base URL disables Twilio, not the library: folders and the UI keep working.
      this.setupError = (err as Error).message;
    }
    this.deps = {
      repos: o.repos,
      bus: o.bus,
      dataDir: o.dataDir,
      fetch: o.fetch,
      baseUrl,
      now: o.now,
      retry: { ...DEFAULT_RETRY, ...o.retry },
      concurrency: o.concurrency ?? Number(env.CALLREVIEW_TWILIO_CONCURRENCY ?? 8),
      pageSize: o.pageSize ?? 100,
      timeoutMs: o.timeoutMs ?? 30_000,
      log: o.log ?? (() => {}),
    };
  }

  /** The panel's view: account, origin of the credentials, settings, whether a sync runs. */
  status(): TwilioStatus {
    let creds: TwilioCredentials | null = null;
    let configError: string | null = this.setupError;
    try {
      creds = this.o.store.load();
    } catch (err) {
      configError = (err as Error).message;
    }
    const source = creds ? this.o.repos.sources.findTwilio(creds.accountSid) : null;
    return {
      configured: creds !== null,
      accountSid: creds?.accountSid ?? null,
      credentialKind: creds?.kind ?? null,
      origin: this.o.store.origin,
      storeProblem: this.o.store.storeProblem(),
      configError,
      apiBaseUrl: this.deps.baseUrl,
      sourceId: source?.id ?? null,
      lastSyncAt: source?.lastScanAt ?? null,
      running: this.running !== null,
      settings: this.settings(),
    };
  }

  /** Validates and stores credentials (refused where the store cannot keep them safely). */
  saveCredentials(input: unknown): TwilioStatus {
    const problem = this.o.store.storeProblem();
    if (problem) throw new AppError('unsupported', problem);
    const parsed = TwilioCredentialInput.safeParse(input);
    if (!parsed.success) throw new AppError('bad-request', parsed.error.issues.map((i) => i.message).join('; '));
    this.o.store.save(toCredentials(parsed.data));
    return this.status();
  }

  /** Forgets stored credentials. */
  clearCredentials(): TwilioStatus {
    this.o.store.clear();
    return this.status();
  }

  /** Fetches the account: ok, rejected (401/403) or unreachable. */
  async testConnection(): Promise<ConnectionTest> {
    const creds = this.requireCredentials();
    try {
      const account = await apiFor(creds, { ...this.deps, retry: { ...this.deps.retry, maxAttempts: 2 } }).fetchAccount();
      return { result: 'ok', message: `Connected to ${account.friendlyName || account.sid} (${account.status}).` };
    } catch (err) {
      if (err instanceof CredentialsRejected) return { result: 'rejected', message: err.message };
      if (err instanceof TransientError) return { result: 'unreachable', message: err.message };
      return { result: 'unreachable', message: (err as Error).message };
    }
  }

  /** Runs a sync, or returns the one already running; bad input rejects the promise rather than throwing. */
  sync(opts: { since?: string } = {}): Promise<SyncReport> {
    if (this.running) return this.running;
    let creds: TwilioCredentials;
    let since: Date | null | undefined;
    try {
      creds = this.requireCredentials();
      since = opts.since === undefined ? undefined : parseSinceDay(opts.since);
      if (since === null) throw new AppError('bad-request', `--since must be a date (YYYY-MM-DD), not ${opts.since}`);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const run = runSync(this.deps, creds, { since, deleteAfterDownload: this.settings().deleteAfterDownload });
    this.running = run;
    const clear = () => {
      this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  /** Current settings. */
  settings(): TwilioSettings {
    return this.o.repos.settings.get(SETTINGS_KEY, TwilioSettings, {});
  }

  /** Updates settings and reschedules auto-sync. */
  setSettings(patch: Partial<TwilioSettings>): TwilioStatus {
    this.o.repos.settings.set(SETTINGS_KEY, { ...this.settings(), ...patch });
    if (this.autoSync) this.startAutoSync();
    return this.status();
  }

  /** Long-running shells opt in to auto-sync; the timer follows the setting (0 = off). */
  startAutoSync(): void {
    this.stopAutoSync();
    this.autoSync = true;
    const minutes = this.settings().autoSyncMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => {
      if (this.status().configured) this.sync().catch((err: unknown) => this.deps.log(`auto-sync failed: ${(err as Error).message}`));
    }, minutes * 60_000);
    this.timer.unref();
  }

  /** Stops auto-sync. */
  stopAutoSync(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.autoSync = false;
  }

  private requireCredentials(): TwilioCredentials {
    if (this.setupError) throw new AppError('bad-request', this.setupError);
    const creds = this.o.store.load();
    if (!creds) {
      throw new AppError(
        'bad-request',
        this.o.store.origin === 'env'
          ? 'No Twilio account: set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET).'
          : 'No Twilio account yet: enter the Account SID and Auth Token (or an API key) first.',
      );
    }
    return creds;
  }
}
