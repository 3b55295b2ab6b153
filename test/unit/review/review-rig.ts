/**
 * Review tests: a real library in a temp dir holding the recorder fixture session sess-a1b2c3,
 * a clock the test moves, and the IPC handlers called through dispatch (zod validation included).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/core/app-core.js';
import { createHandlers, dispatch } from '../../../electron/core/handlers.js';
import type { Channel, ChannelInput, ChannelOutput, Handlers } from '../../../shared/ipc/contract.js';
import type { ErrorBody } from '../../../shared/ipc/envelope.js';
import { copySession, makeTempDir } from '../../helpers/recorder-folder.js';

export const A1 = 'sess-a1b2c3_20260302_091504' as const;

/** A library with the A1 session imported and a settable clock. */
export interface ReviewRig {
  tmp: string;
  dataDir: string;
  core: Core;
  handlers: Handlers;
  /** The imported A1 call's id. */
  callId: number;
  /** Sets the clock (ISO string). */
  setNow(iso: string): void;
  /** Calls a channel through dispatch; throws with the error code and message when it fails. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Calls a channel through dispatch and returns its error (throws when it succeeds). */
  fail<C extends Channel>(channel: C, input: unknown): Promise<ErrorBody>;
  close(): void;
}

/** Builds the rig; the clock starts at `startIso` (default three days after the recorded call). */
export async function reviewRig(prefix: string, startIso = '2026-03-05T10:00:00.000Z'): Promise<ReviewRig> {
  const tmp = makeTempDir(prefix);
  const dataDir = path.join(tmp, 'data');
  const recordings = path.join(tmp, 'call_recordings');
  fs.mkdirSync(recordings);
  copySession(A1, recordings);
  let now = new Date(startIso);
  const core = createCore(dataDir, { clock: () => now, metrics: { auto: false } });
  await core.library.addFolder(recordings, false);
  const callId = core.repos.calls.idByRef(A1);
  if (callId === null) throw new Error('the fixture session was not imported');
  const handlers = createHandlers(core, { mode: 'cli', version: 'test' });
  return {
    tmp,
    dataDir,
    core,
    handlers,
    callId,
    setNow(iso) {
      now = new Date(iso);
    },
    async call(channel, input) {
      const res = await dispatch(handlers, channel, input);
      if (!res.ok) throw new Error(`${channel}: ${res.error.code}: ${res.error.message}`);
      return res.value as ChannelOutput<typeof channel>;
    },
    async fail(channel, input) {
      const res = await dispatch(handlers, channel, input);
      if (res.ok) throw new Error(`${channel} succeeded where it should fail`);
      return res.error;
    },
    close() {
      core.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
