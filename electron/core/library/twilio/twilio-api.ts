import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { TwilioCredentials } from './credentials.js';
import { createTwilioHttpClient, describeNetworkError, type TwilioHttpOptions } from './http-client.js';
import { TransientError } from './retry.js';

/** The fields of a Recording the sync uses. */
export interface RemoteRecording {
  sid: string;
  callSid: string | null;
  status: string;
  channels: number;
  durationSec: number | null;
  dateCreated: Date | null;
  source: string | null;
}

/** The fields of a Call the sync uses. */
export interface RemoteCall {
  sid: string;
  from: string | null;
  to: string | null;
  direction: string | null;
  status: string | null;
  startTime: Date | null;
  endTime: Date | null;
  durationSec: number | null;
  parentCallSid: string | null;
}

/** Thrown when Twilio refuses the credentials (401/403): a sync stops on it, never retries. */
export class CredentialsRejected extends AppError {
  constructor(detail: string) {
    super('unauthorized', `Twilio credentials rejected (${detail}). Check the Account SID and token or API key.`);
  }
}

const num = (s: string | number | null | undefined): number | null => {
  const n = typeof s === 'number' ? s : s == null ? NaN : Number(s);
  return Number.isFinite(n) ? n : null;
};
const date = (d: Date | null | undefined): Date | null => (d instanceof Date && Number.isFinite(d.getTime()) ? d : null);

/** Maps SDK and network failures onto our errors: 401/403 → CredentialsRejected, the rest keep their message. */
export function mapApiError(err: unknown): Error {
  const status = (err as { status?: number }).status;
  if (status === 401 || status === 403) return new CredentialsRejected(`HTTP ${status}`);
  if (err instanceof TransientError) return err;
  if (typeof status === 'number') return new Error(`Twilio answered HTTP ${status}: ${(err as Error).message}`);
  return new TransientError(`Twilio cannot be reached: ${describeNetworkError(err)}`);
}

/** The parts of Twilio's REST API the sync needs, through the official SDK. */
export class TwilioApi {
  private readonly client: ReturnType<typeof twilio>;

  constructor(
    readonly creds: TwilioCredentials,
    http: TwilioHttpOptions,
  ) {
    // Our fetch-based client stands in for the SDK's axios one: it owns base URL and retries.
    const httpClient = createTwilioHttpClient(http) as unknown as RequestClient;
    this.client = twilio(creds.username, creds.password, { accountSid: creds.accountSid, httpClient, autoRetry: false });
  }

  /** Fetches the account: the cheapest call that proves the credentials. */
  async fetchAccount(): Promise<{ sid: string; friendlyName: string; status: string }> {
    try {
      const a = await this.client.api.v2010.accounts(this.creds.accountSid).fetch();
      return { sid: a.sid, friendlyName: a.friendlyName, status: a.status };
    } catch (err) {
      throw mapApiError(err);
    }
  }

  /** Lists recordings created after `since` (newest first), one page at a time. */
  async *recordingPages(since: Date | null, pageSize: number): AsyncGenerator<RemoteRecording[]> {
    let page;
    try {
      page = await this.client.recordings.page({ pageSize, ...(since ? { dateCreatedAfter: since } : {}) });
    } catch (err) {
      throw mapApiError(err);
    }
    for (;;) {
      yield page.instances.map((r) => ({
        sid: r.sid,
        callSid: r.callSid ?? null,
        status: r.status,
        channels: r.channels ?? 1,
        durationSec: num(r.duration),
        dateCreated: date(r.dateCreated),
        source: r.source ?? null,
      }));
      const next = page.nextPage();
      if (!next) return;
      try {
        page = await next;
      } catch (err) {
        throw mapApiError(err);
      }
      if (!page) return;
    }
  }

  /** Fetches one call's details. */
  async fetchCall(sid: string): Promise<RemoteCall> {
    try {
      const c = await this.client.calls(sid).fetch();
      return {
        sid: c.sid,
        from: c.from ?? null,
        to: c.to ?? null,
        direction: c.direction ?? null,
        status: c.status ?? null,
        startTime: date(c.startTime),
        endTime: date(c.endTime),
        durationSec: num(c.duration),
        parentCallSid: c.parentCallSid ?? null,
      };
    } catch (err) {
      throw mapApiError(err);
    }
  }

  /** Deletes a recording on Twilio (only after a verified download, when the reviewer opted in). */
  async deleteRecording(sid: string): Promise<void> {
    try {
      await this.client.recordings(sid).remove();
    } catch (err) {
      throw mapApiError(err);
    }
  }
}
