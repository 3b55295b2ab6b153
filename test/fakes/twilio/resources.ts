/**
 * Renders the fake's records as the JSON the real API sends: snake_case fields of the spec's
 * `api.v2010.account*` schemas, RFC 2822 dates, and numbers-as-strings where Twilio uses them.
 */
import type { FakeCall, FakeRecording } from './store.js';

/** The API version segment of every path. */
export const API_VERSION = '2010-04-01';

/** `Fri, 14 Mar 2026 10:20:30 +0000`, the date format of every 2010-04-01 resource. */
export function rfc2822(d: Date): string {
  return d.toUTCString().replace(/ GMT$/, ' +0000');
}

/** Path of an account, e.g. /2010-04-01/Accounts/AC….json. */
export function accountPath(accountSid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}`;
}

/** `+14155550132` → `(415) 555-0132`; other numbers as they are (what Twilio does for NANP numbers). */
export function formatNumber(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

/** What the account fetch returns. */
export function accountJson(accountSid: string, authToken: string, created: Date): Record<string, unknown> {
  const base = accountPath(accountSid);
  const subs = ['addresses', 'conferences', 'signing_keys', 'transcriptions', 'connect_apps', 'sip', 'authorized_connect_apps', 'usage', 'keys', 'applications', 'recordings', 'short_codes', 'calls', 'notifications', 'incoming_phone_numbers', 'queues', 'messages', 'outgoing_caller_ids', 'available_phone_numbers', 'balance'];
  const camel: Record<string, string> = { signing_keys: 'SigningKeys', connect_apps: 'ConnectApps', authorized_connect_apps: 'AuthorizedConnectApps', short_codes: 'SMS/ShortCodes', incoming_phone_numbers: 'IncomingPhoneNumbers', outgoing_caller_ids: 'OutgoingCallerIds', available_phone_numbers: 'AvailablePhoneNumbers' };
  const subresource_uris = Object.fromEntries(subs.map((s) => [s, `${base}/${camel[s] ?? s.charAt(0).toUpperCase() + s.slice(1)}.json`]));
  return {
    auth_token: authToken,
    date_created: rfc2822(created),
    date_updated: rfc2822(created),
    friendly_name: 'CallReview fake account',
    owner_account_sid: accountSid,
    sid: accountSid,
    status: 'active',
    subresource_uris,
    type: 'Full',
    uri: `${base}.json`,
  };
}

/** What the call fetch returns. */
export function callJson(c: FakeCall): Record<string, unknown> {
  const base = `${accountPath(c.accountSid)}/Calls/${c.sid}`;
  const subs: Record<string, string> = {
    feedback: 'Feedback',
    user_defined_messages: 'UserDefinedMessages',
    notifications: 'Notifications',
    recordings: 'Recordings',
    streams: 'Streams',
    payments: 'Payments',
    user_defined_message_subscriptions: 'UserDefinedMessageSubscriptions',
    siprec: 'Siprec',
    events: 'Events',
    feedback_summaries: 'FeedbackSummary',
  };
  return {
    sid: c.sid,
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateUpdated),
    parent_call_sid: c.parentCallSid,
    account_sid: c.accountSid,
    to: c.to,
    to_formatted: formatNumber(c.to),
    from: c.from,
    from_formatted: formatNumber(c.from),
    phone_number_sid: c.phoneNumberSid,
    status: c.status,
    start_time: rfc2822(c.startTime),
    end_time: c.endTime ? rfc2822(c.endTime) : null,
    duration: String(c.durationSec),
    price: c.price,
    price_unit: c.priceUnit,
    direction: c.direction,
    answered_by: null,
    api_version: API_VERSION,
    forwarded_from: null,
    group_sid: null,
    caller_name: c.callerName,
    queue_time: '0',
    trunk_sid: null,
    uri: `${base}.json`,
    subresource_uris: Object.fromEntries(Object.entries(subs).map(([k, v]) => [k, `${base}/${v}.json`])),
  };
}

/** What the recording fetch and list return; `origin` makes media_url point at the fake. */
export function recordingJson(r: FakeRecording, origin: string): Record<string, unknown> {
  const base = `${accountPath(r.accountSid)}/Recordings/${r.sid}`;
  return {
    account_sid: r.accountSid,
    api_version: API_VERSION,
    call_sid: r.callSid,
    conference_sid: r.conferenceSid,
    date_created: rfc2822(r.dateCreated),
    date_updated: rfc2822(r.dateUpdated),
    start_time: rfc2822(r.startTime),
    duration: String(r.durationSec),
    sid: r.sid,
    price: r.price,
    price_unit: r.priceUnit,
    status: r.status,
    channels: r.channels,
    source: r.source,
    error_code: r.errorCode,
    uri: `${base}.json`,
    encryption_details: null,
    subresource_uris: {
      add_on_results: `${base}/AddOnResults.json`,
      transcriptions: `${base}/Transcriptions.json`,
    },
    media_url: `${origin}${base}`,
  };
}
