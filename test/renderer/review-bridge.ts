/**
 * Review UI tests run the real core behind the renderer: a library in a temp dir with some of the
 * committed recorder sessions imported, and a FakeBridge whose every channel is the core's own
 * handler (through dispatch, zod validation included). Only what jsdom cannot do is left out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/app-core.js';
import { createHandlers, dispatch } from '../../electron/core/handlers.js';
import { contract } from '../../shared/ipc/contract.js';
import { FakeBridge, type FakeHandler } from './fake-bridge.js';

/** A committed recorder session (test/fixtures/call_recordings). */
export type FixtureSession = 'sess-a1b2c3_20260302_091504' | 'sess-7f3k9d_20260311_144237' | 'sess-q4m8z2_20260421_160351';

// Under jsdom, import.meta.url is not a file URL: the fixtures are found from the repository root vitest runs in.
const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'call_recordings');

/** A real library behind a bridge, with a clock the test moves. */
export interface CoreBridge {
  bridge: FakeBridge;
  core: Core;
  /** Call ids by session folder name. */
  ids: Record<string, number>;
  setNow(iso: string): void;
  close(): void;
}

/** Imports `sessions` into a fresh library and answers every channel with the core's handler (`overrides` first). */
export async function coreBridge(sessions: readonly FixtureSession[], overrides: Record<string, FakeHandler> = {}, startIso = '2026-03-05T10:00:00.000Z'): Promise<CoreBridge> {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cr-review-ui-')));
  const recordings = path.join(tmp, 'call_recordings');
  fs.mkdirSync(recordings);
  for (const s of sessions) fs.cpSync(path.join(FIXTURES, s), path.join(recordings, s), { recursive: true });
  let now = new Date(startIso);
  const core = createCore(path.join(tmp, 'data'), { clock: () => now, metrics: { auto: false } });
  await core.library.addFolder(recordings, false);
  const ids: Record<string, number> = {};
  for (const s of sessions) {
    const id = core.repos.calls.idByRef(s);
    if (id === null) throw new Error(`${s} was not imported`);
    ids[s] = id;
  }
  const handlers = createHandlers(core, { mode: 'browser', version: 'test' });
  const real: Record<string, FakeHandler> = {};
  for (const channel of Object.keys(contract)) {
    real[channel] = async (input) => {
      const res = await dispatch(handlers, channel, input);
      if (!res.ok) throw new Error(res.error.message);
      return res.value;
    };
  }
  return {
    bridge: new FakeBridge({ ...real, ...overrides }),
    core,
    ids,
    setNow(iso) {
      now = new Date(iso);
    },
    close() {
      core.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
