/**
 * The export channels through dispatch (zod validation included) and browser mode's download route
 * over real HTTP on 127.0.0.1: files are found by export id and index only, never by a path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../electron/core/handlers.js';
import { startBrowserServer, type BrowserServer } from '../../../electron/server/browser-server.js';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.js';
import type { ErrorBody } from '../../../shared/ipc/envelope.js';
import { exportRig, pdfText, type ExportRig } from './export-rig.js';

let rig: ExportRig;
let server: BrowserServer;
const handlers = () => createHandlers(rig.core, { mode: 'browser', version: 'test' });

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const res = await dispatch(handlers(), channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.code}: ${res.error.message}`);
  return res.value as ChannelOutput<C>;
}

async function fail(channel: Channel, input: unknown): Promise<ErrorBody> {
  const res = await dispatch(handlers(), channel, input);
  if (res.ok) throw new Error(`${channel} succeeded`);
  return res.error;
}

beforeAll(async () => {
  rig = await exportRig('cr-export-ipc-');
  const rendererDir = path.join(rig.tmp, 'renderer');
  fs.mkdirSync(rendererDir);
  server = await startBrowserServer({ handlers: handlers(), bus: rig.core.bus, core: rig.core, exports: rig.core.exports, rendererDir, port: 0, token: 'test-token' });
}, 60_000);
afterAll(async () => {
  await server?.close();
  rig?.close();
});

const get = (url: string, auth = true) => fetch(new URL(url, server.url), { headers: auth ? { authorization: 'Bearer test-token' } : {} });

describe('export channels', () => {
  it('export:call in browser mode writes a new folder under the data folder, downloadable by id', async () => {
    const res = await call('export:call', { callId: rig.ids.a1, formats: ['pdf', 'csv'] });
    expect(path.dirname(res.dir!)).toBe(path.join(rig.dataDir, 'exports'));
    expect(res.files.map((f) => [f.index, f.format])).toEqual([[0, 'pdf'], [1, 'csv']]);
    expect(res.index).toBeNull();
    const pdf = await get(`/exports/${res.exportId}/0`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${res.files[0]!.name}"; filename*=UTF-8''${res.files[0]!.name}`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.equals(fs.readFileSync(path.join(res.dir!, res.files[0]!.name)))).toBe(true);
    const saved = path.join(rig.tmp, 'downloaded.pdf');
    fs.writeFileSync(saved, bytes);
    expect(pdfText(saved)).toContain('Zürich');
    // A second export never lands in the first one's folder.
    const again = await call('export:call', { callId: rig.ids.a1, formats: ['pdf'] });
    expect(again.dir).not.toBe(res.dir);
  });

  it('the route answers only known ids and indexes, and only with the token', async () => {
    const res = await call('export:call', { callId: rig.ids.f7, formats: ['txt'] });
    expect((await get(`/exports/${res.exportId}/0`)).status).toBe(200);
    expect((await get(`/exports/${res.exportId}/0`, false)).status).toBe(401);
    for (const bad of [`/exports/${res.exportId}/1`, '/exports/nope/0', `/exports/${res.exportId}/..%2f..%2fcallreview.db`, `/exports/${res.exportId}/0%2f%2e%2e%2f0`, `/exports/${res.exportId}/-1`, '/exports/../callreview.db']) {
      expect((await get(bad)).status, bad).toBe(404);
    }
    fs.rmSync(path.join(res.dir!, res.files[0]!.name));
    expect((await get(`/exports/${res.exportId}/0`)).status).toBe(404);
  });

  it('export:batch writes an index and reports progress; export:cancel with nothing running cancels nothing', async () => {
    const seen: string[] = [];
    const off = rig.core.bus.onAny((event, p) => {
      if (event === 'export:progress' && 'done' in p) seen.push(`${p.done}/${p.total}${p.finished ? ' finished' : ''}`);
    });
    const res = await call('export:batch', { callIds: [rig.ids.a1, rig.ids.q4, rig.ids.a1], formats: ['json'], options: { redact: true } });
    off();
    expect(res.calls.map((c) => c.callId)).toEqual([rig.ids.a1, rig.ids.q4]);
    expect(res.index).toBe('index.csv');
    expect(res.files.at(-1)).toMatchObject({ name: 'index.csv', format: 'index', callId: null });
    expect(seen).toEqual(['0/2', '1/2', '2/2 finished']);
    expect(await call('export:cancel', {})).toEqual({ canceled: 0 });
  });

  it('an explicit folder: a second export there is a conflict until overwrite is set', async () => {
    const outDir = path.join(rig.tmp, 'chosen');
    await call('export:call', { callId: rig.ids.q4, formats: ['srt'], outDir });
    const err = await fail('export:call', { callId: rig.ids.q4, formats: ['srt'], outDir });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('exists already');
    const res = await call('export:call', { callId: rig.ids.q4, formats: ['srt'], outDir, overwrite: true });
    expect(res.calls[0]!.status).toBe('ok');
  });

  it('validates requests', async () => {
    expect((await fail('export:call', { callId: rig.ids.a1, formats: [] })).message).toMatch(/formats: choose at least one format/);
    expect((await fail('export:call', { callId: rig.ids.a1, formats: ['pdf', 'pdf'] })).message).toMatch(/listed twice/);
    expect((await fail('export:call', { callId: rig.ids.a1, formats: ['docx'] })).code).toBe('bad-request');
    expect((await fail('export:call', { callId: rig.ids.a1, formats: ['txt'], outDir: 'relative/dir' })).message).toMatch(/absolute path/);
    expect((await fail('export:call', { callId: 9999, formats: ['txt'] })).code).toBe('not-found');
    expect((await fail('export:pickFolder', {})).code).toBe('unsupported');
  });

  it('asks the shell for a folder when it has a picker; a closed dialog writes nothing', async () => {
    const picked: (string | null)[] = [path.join(rig.tmp, 'picked'), null];
    const shell = { mode: 'electron' as const, version: 'test', pickExportFolder: async () => picked.shift() ?? null };
    const h = createHandlers(rig.core, shell);
    const first = await dispatch(h, 'export:call', { callId: rig.ids.a1, formats: ['txt'] });
    expect(first.ok && first.value).toMatchObject({ dir: path.join(rig.tmp, 'picked') });
    const second = await dispatch(h, 'export:call', { callId: rig.ids.a1, formats: ['txt'] });
    expect(second.ok && second.value).toEqual({ exportId: '', dir: null, canceled: false, files: [], calls: [], index: null });
  });
});
