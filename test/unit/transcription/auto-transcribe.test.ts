import { afterEach, describe, expect, it } from 'vitest';
import { copySession } from '../../helpers/recorder-folder.js';
import { transcriptionRig, type TranscriptionRig } from '../../helpers/transcription.js';

let rig: TranscriptionRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('auto-transcribe', () => {
  it('queues recordings that arrive after it is turned on, once each, and leaves older calls to a batch', async () => {
    rig = await transcriptionRig();
    const { 'sess-a1b2c3_20260302_091504': before } = await rig.importSessions('sess-a1b2c3_20260302_091504');
    expect(rig.core.jobs.list()).toEqual([]);

    rig.core.transcription.setSettings({ autoTranscribe: true });
    copySession('sess-q4m8z2_20260421_160351', rig.recordings);
    await rig.core.library.rescan();
    const after = rig.core.repos.calls.idByRef('sess-q4m8z2_20260421_160351')!;
    const queued = rig.core.jobs.list().filter((j) => j.type === 'transcribe');
    expect(queued.map((j) => j.callId)).toEqual([after]);
    expect(rig.core.repos.activities.forCall(after).find((a) => a.type === 'transcription_requested')?.payload).toMatchObject({ reason: 'auto' });

    // Another library change does not queue it again, and the older call stays untouched.
    await rig.core.library.rescan();
    expect(rig.core.jobs.list().filter((j) => j.type === 'transcribe')).toHaveLength(1);
    expect(await rig.core.jobs.runUntilIdle()).toMatchObject({ failed: 0 });
    expect(rig.core.repos.transcripts.active(after)?.source).toBe('openai');
    expect(rig.core.repos.transcripts.active(before!)?.source).toBe('recorder');

    // Turned off, new recordings wait for a reviewer.
    rig.core.transcription.setSettings({ autoTranscribe: false });
    copySession('sess-7f3k9d_20260311_144237', rig.recordings);
    await rig.core.library.rescan();
    expect(rig.core.jobs.list().filter((j) => j.type === 'transcribe')).toHaveLength(1);
  });
});
