/**
 * The Twilio fake driven through the official twilio SDK (paging, filters, fetch, delete,
 * auth errors) and by hand where the SDK hides the wire (page tokens, faults, the log).
 */
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTwilio } from '../../fakes/twilio/fake-twilio.js';
import { fakeHttpClient } from '../../fakes/twilio/sdk-client.js';

type Client = ReturnType<typeof twilio>;
/** The part of the SDK's Page the paging test walks (RecordingPage's own type does not survive nextPage()). */
interface PageLike {
  instances: { sid: string }[];
  nextPage(): Promise<PageLike> | undefined;
}

let fake: FakeTwilio;

function sdk(username = fake.accountSid, password = fake.authToken): Client {
  return twilio(username, password, { accountSid: fake.accountSid, httpClient: fakeHttpClient(fake.baseUrl) });
}

function auth(user = fake.accountSid, pass = fake.authToken): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${fake.baseUrl}${path}`, { headers: auth() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const recordingsPath = (): string => `/2010-04-01/Accounts/${fake.accountSid}/Recordings.json`;

beforeEach(async () => {
  fake = await FakeTwilio.start();
});

afterEach(async () => {
  await fake.stop();
});

describe('FakeTwilio through the twilio SDK', () => {
  it('pages through all recordings newest first, two per page, until nextPage() is undefined', async () => {
    const added = fake.addRecordings(5);
    const client = sdk();
    const seen: string[] = [];
    let pages = 0;
    let page: PageLike = await client.recordings.page({ pageSize: 2 });
    for (;;) {
      pages++;
      seen.push(...page.instances.map((r) => r.sid));
      const next = page.nextPage();
      if (!next) break;
      page = await next;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(added.map((r) => r.sid).reverse());
    const lists = fake.requests.filter((r) => r.kind === 'list');
    expect(lists).toHaveLength(3);
    expect(lists[1]?.path).toMatch(/PageToken=PARE[0-9a-f]{32}/);
    expect(lists.every((r) => r.status === 200 && r.user === fake.accountSid)).toBe(true);
  });

  it('keeps pages stable when recordings arrive between page fetches', async () => {
    const added = fake.addRecordings(4, { start: new Date('2026-03-01T10:00:00Z') });
    const client = sdk();
    const first = await client.recordings.page({ pageSize: 2 });
    fake.addRecording({ dateCreated: new Date('2026-03-02T10:00:00Z') });
    const second = await first.nextPage();
    expect(second?.instances.map((r) => r.sid)).toEqual([added[1]?.sid, added[0]?.sid]);
    expect(second?.nextPage()).toBeUndefined();
  });

  it('filters with dateCreatedAfter (on or after) and maps fields', async () => {
    const added = fake.addRecordings(4, { start: new Date('2026-03-14T10:00:00Z'), spacingSec: 3600, channels: 1 });
    const recordings = await sdk().recordings.list({ dateCreatedAfter: new Date('2026-03-14T12:00:00Z') });
    expect(recordings.map((r) => r.sid)).toEqual([added[3]?.sid, added[2]?.sid]);
    const r = recordings[1];
    expect(fake.requests[0]?.path).toContain('DateCreated%3E=2026-03-14T12%3A00%3A00Z');
    expect(r?.dateCreated.toISOString()).toBe('2026-03-14T12:00:00.000Z');
    expect(r?.duration).toBe(String(added[2]?.durationSec));
    expect(r?.channels).toBe(1);
    expect(r?.callSid).toBe(added[2]?.callSid);
    expect(r?.status).toBe('completed');
  });

  it('filters by CallSid and by a date range', async () => {
    const call = fake.addCall();
    const mine = fake.addRecording({ callSid: call.sid, dateCreated: new Date('2026-04-01T08:00:00Z') });
    fake.addRecording({ dateCreated: new Date('2026-04-02T08:00:00Z') });
    expect((await sdk().recordings.list({ callSid: call.sid })).map((r) => r.sid)).toEqual([mine.sid]);
    expect((await sdk().calls(call.sid).recordings.list()).map((r) => r.sid)).toEqual([mine.sid]);
    const range = await sdk().recordings.list({ dateCreatedAfter: new Date('2026-04-01T00:00:00Z'), dateCreatedBefore: new Date('2026-04-01T08:00:00Z') });
    expect(range.map((r) => r.sid)).toEqual([mine.sid]);
  });

  it('fetches a call and a recording, and deletes a recording', async () => {
    const rec = fake.addRecording({ channels: 2, durationSec: 7 });
    const call = await sdk().calls(rec.callSid).fetch();
    expect(call.sid).toBe(rec.callSid);
    expect(call.direction).toBe('inbound');
    expect(call.from).toMatch(/^\+1\d{10}$/);
    expect(call.fromFormatted).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/);
    expect(typeof call.duration).toBe('string');
    expect(call.startTime).toBeInstanceOf(Date);

    expect((await sdk().recordings(rec.sid).fetch()).duration).toBe('7');
    expect(await sdk().recordings(rec.sid).remove()).toBe(true);
    expect(fake.deleted).toEqual([rec.sid]);
    await expect(sdk().recordings(rec.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect(await sdk().recordings.list()).toEqual([]);
    expect(fake.requests.map((r) => `${r.kind} ${r.status}`)).toEqual(['call 200', 'recording 200', 'delete 204', 'recording 404', 'list 200']);
  });

  it('fetches the account, with the account token or a configured API key', async () => {
    await fake.stop();
    fake = await FakeTwilio.start({ apiKeys: [{ sid: `SK${'1'.repeat(32)}`, secret: 'key-secret' }] });
    const viaToken = await sdk().api.v2010.accounts(fake.accountSid).fetch();
    expect(viaToken.sid).toBe(fake.accountSid);
    expect(viaToken.status).toBe('active');
    const viaKey = await sdk(`SK${'1'.repeat(32)}`, 'key-secret').api.v2010.accounts(fake.accountSid).fetch();
    expect(viaKey.sid).toBe(fake.accountSid);
    expect(fake.requests.map((r) => r.user)).toEqual([fake.accountSid, `SK${'1'.repeat(32)}`]);
  });

  it('surfaces a wrong token as RestException 401 / 20003', async () => {
    fake.addRecording();
    const err: unknown = await sdk(fake.accountSid, 'wrong-token').recordings.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(twilio.RestException);
    expect(err).toMatchObject({ status: 401, code: 20003, moreInfo: 'https://www.twilio.com/docs/errors/20003' });
    expect(fake.requests.at(-1)).toMatchObject({ kind: 'list', status: 401, user: fake.accountSid });
  });
});

describe('FakeTwilio on the wire', () => {
  it('answers 401 with the Twilio error body and a challenge when credentials are missing', async () => {
    const res = await fetch(`${fake.baseUrl}${recordingsPath()}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(await res.json()).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', status: 401, kind: 'list', user: null });
  });

  it("answers 404 for another account's path even with valid credentials", async () => {
    const other = `AC${'0'.repeat(32)}`;
    const { status, body } = await getJson(`/2010-04-01/Accounts/${other}/Recordings.json`);
    expect(status).toBe(404);
    expect(body.code).toBe(20404);
  });

  it('links pages with page/start/end, previous and first page URIs, and null next on the last page', async () => {
    fake.addRecordings(5);
    const p0 = await getJson(`${recordingsPath()}?PageSize=2`);
    expect(p0.body).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
    expect(p0.body.first_page_uri).toBe(`${recordingsPath()}?PageSize=2&Page=0`);
    const p1 = await getJson(String(p0.body.next_page_uri));
    expect(p1.body).toMatchObject({ page: 1, start: 2, end: 3 });
    expect(p1.body.uri).toBe(p0.body.next_page_uri);
    const back = await getJson(String(p1.body.previous_page_uri));
    expect(back.body.recordings).toEqual(p0.body.recordings);
    const p2 = await getJson(String(p1.body.next_page_uri));
    expect(p2.body).toMatchObject({ page: 2, start: 4, end: 4, next_page_uri: null });
  });

  it('defaults to 50 per page, caps PageSize at 1000 and rejects a bad one', async () => {
    fake.addRecordings(60, { durationSec: 5 });
    expect(((await getJson(recordingsPath())).body.recordings as unknown[]).length).toBe(50);
    expect((await getJson(`${recordingsPath()}?PageSize=5000`)).body.page_size).toBe(1000);
    const bad = await getJson(`${recordingsPath()}?PageSize=0`);
    expect(bad.status).toBe(400);
    expect((await getJson(`${recordingsPath()}?PageToken=nonsense`)).status).toBe(400);
  });

  it('queues faults per kind: 429 with Retry-After, 503, then normal answers', async () => {
    fake.addRecording();
    fake.fail('list', { status: 429, retryAfterSec: 3 });
    fake.fail('any', { status: 503, times: 2 });
    const limited = await getJson(recordingsPath());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body).toMatchObject({ code: 20429, status: 429 });
    const down = await getJson(`/2010-04-01/Accounts/${fake.accountSid}.json`);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('1');
    expect((await getJson(recordingsPath())).status).toBe(503);
    expect((await getJson(recordingsPath())).status).toBe(200);
    expect(fake.requests.map((r) => `${r.kind} ${r.status}`)).toEqual(['list 429', 'account 503', 'list 503', 'list 200']);
  });

  it('adds latency to every request', async () => {
    fake.setLatency(60);
    const t0 = performance.now();
    await getJson(`/2010-04-01/Accounts/${fake.accountSid}.json`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
  });
});
