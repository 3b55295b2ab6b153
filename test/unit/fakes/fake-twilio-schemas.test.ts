/**
 * The fake's JSON checked against the response schemas copied from Twilio's OpenAPI spec,
 * made strict (every field required, none extra) so the check itself can fail.
 */
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTwilio } from '../../fakes/twilio/fake-twilio.js';
import { twilioValidators, type TwilioSchemaName } from '../../fakes/twilio/schemas.js';

let fake: FakeTwilio;
let validators: Record<TwilioSchemaName, ValidateFunction>;
let liveCallSid: string;

async function get(path: string, authorised = true): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = authorised ? { Authorization: `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}` } : {};
  return (await (await fetch(`${fake.baseUrl}${path}`, { headers })).json()) as Record<string, unknown>;
}

function errorsOf(name: TwilioSchemaName, value: unknown): string[] {
  const validate = validators[name];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

beforeAll(async () => {
  validators = twilioValidators();
  fake = await FakeTwilio.start();
  fake.addRecordings(3, { channels: 1 });
  fake.addRecording({ status: 'absent' });
  fake.addRecording({ status: 'processing', source: 'StartCallRecordingAPI' });
  liveCallSid = fake.addCall({ direction: 'outbound-api', endTime: null, status: 'in-progress', price: null }).sid;
});

afterAll(async () => {
  await fake?.stop();
});

const acc = (): string => `/2010-04-01/Accounts/${fake.accountSid}`;

describe('fake Twilio JSON against the spec schemas', () => {
  it('account', async () => {
    expect(errorsOf('api.v2010.account', await get(`${acc()}.json`))).toEqual([]);
  });

  it('every call', async () => {
    const list = await get(`${acc()}/Recordings.json`);
    const callSids = [...(list.recordings as { call_sid: string }[]).map((r) => r.call_sid), liveCallSid];
    expect(callSids).toHaveLength(6);
    for (const sid of callSids) expect(errorsOf('api.v2010.account.call', await get(`${acc()}/Calls/${sid}.json`))).toEqual([]);
  });

  it('recording and list page (with links on both sides)', async () => {
    const list = await get(`${acc()}/Recordings.json?PageSize=2&Page=0`);
    expect(errorsOf('ListRecordingResponse', list)).toEqual([]);
    const middle = await get(String(list.next_page_uri));
    expect(middle.previous_page_uri).not.toBeNull();
    expect(errorsOf('ListRecordingResponse', middle)).toEqual([]);
    const first = (list.recordings as { sid: string }[])[0];
    expect(errorsOf('api.v2010.account.recording', await get(`${acc()}/Recordings/${first?.sid ?? ''}.json`))).toEqual([]);
  });

  it('error bodies', async () => {
    expect(errorsOf('twilio_error', await get(`${acc()}.json`, false))).toEqual([]);
    expect(errorsOf('twilio_error', await get(`${acc()}/Recordings/RE${'0'.repeat(32)}.json`))).toEqual([]);
  });

  it('fails broken objects: missing, extra, mistyped and malformed fields', async () => {
    const list = await get(`${acc()}/Recordings.json`);
    const good = (list.recordings as Record<string, unknown>[])[0] ?? {};
    expect(errorsOf('api.v2010.account.recording', good)).toEqual([]);
    const { media_url: _dropped, ...missing } = good;
    expect(errorsOf('api.v2010.account.recording', missing).join()).toMatch(/media_url/);
    expect(errorsOf('api.v2010.account.recording', { ...good, extra: 1 })).not.toEqual([]);
    expect(errorsOf('api.v2010.account.recording', { ...good, duration: 12 }).join()).toMatch(/duration/);
    expect(errorsOf('api.v2010.account.recording', { ...good, channels: '2' }).join()).toMatch(/channels/);
    expect(errorsOf('api.v2010.account.recording', { ...good, status: 'done' }).join()).toMatch(/status/);
    expect(errorsOf('api.v2010.account.recording', { ...good, date_created: '2026-03-14T10:20:30Z' }).join()).toMatch(/date_created/);
    expect(errorsOf('api.v2010.account.recording', { ...good, sid: 'RE123' }).join()).toMatch(/sid/);
    expect(errorsOf('ListRecordingResponse', { ...list, page: '0' }).join()).toMatch(/page/);
    expect(errorsOf('ListRecordingResponse', { ...list, recordings: [missing] })).not.toEqual([]);
    expect(errorsOf('twilio_error', { code: '20003', message: 'Authenticate', more_info: 'x', status: 401 })).not.toEqual([]);
  });
});
