import type { Speaker } from '../../../../shared/types.js';
import type { Repos } from '../../db/repos/index.js';
import type { RecordingState } from '../../db/repos/twilio-repo.js';
import type { DownloadResult } from './download.js';
import type { RemoteCall, RemoteRecording } from './twilio-api.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Channel 1 of a dual-channel recording is the parent leg: the caller on inbound calls, our side on outbound ones. */
export function rolesForDirection(direction: string | null): Speaker[] {
  return direction && direction.startsWith('outbound') ? ['agent', 'caller'] : ['caller', 'agent'];
}

/** Upserts the call a recording belongs to, with parties and its parent activity; returns the call id. */
export function writeTwilioCall(repos: Repos, sourceId: number, call: RemoteCall, channels: number | null, now: string): number {
  const existing = repos.calls.byImportKey(`twilio:${call.sid}`);
  // A reviewer's swap survives later syncs: roles are set from the direction only once.
  const roles = existing ? (JSON.parse(existing.channel_roles) as Speaker[]) : rolesForDirection(call.direction);
  const { id } = repos.calls.upsert(
    {
      source: 'twilio',
      sourceId,
      externalId: call.sid,
      importKey: `twilio:${call.sid}`,
      folderPath: null,
      startedAt: iso(call.startTime),
      endedAt: iso(call.endTime),
      durationSec: call.durationSec,
      channels: Math.max(channels ?? 0, existing?.channels ?? 0) || null,
      channelRoles: roles,
      fingerprint: null,
      direction: call.direction,
      status: call.status,
    },
    now,
  );
  if (call.from) repos.contacts.setParty(id, 'from', call.from);
  if (call.to) repos.contacts.setParty(id, 'to', call.to);
  repos.activities.ensureCallActivity(id, iso(call.startTime), call.sid, { source: 'twilio', externalId: call.sid, from: call.from, to: call.to, direction: call.direction, parentCallSid: call.parentCallSid }, now);
  return id;
}

/** Records a verified download: audio file, recording state and the "Recording available" activity, in one transaction. */
export function writeDownloaded(repos: Repos, sourceId: number, call: RemoteCall, rec: RemoteRecording, file: DownloadResult, now: string): number {
  return repos.db.transaction(() => {
    const callId = writeTwilioCall(repos, sourceId, call, file.info.channels, now);
    repos.audio.upsertRemote(callId, rec.sid, {
      variant: file.info.channels >= 2 ? 'stereo' : 'mono',
      path: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      sha256: file.sha256,
      format: file.info.sampleFormat,
      sampleRate: file.info.sampleRate,
      channels: file.info.channels,
      bitsPerSample: file.info.bitsPerSample,
      durationSec: file.info.durationSec,
    });
    recordState(repos, sourceId, callId, rec, 'downloaded', null, now);
    if (!repos.activities.hasRecordingActivity(callId, 'call_recording', rec.sid)) {
      addChild(repos, callId, call.sid, 'call_recording', rec, { label: 'Recording available', durationSec: file.info.durationSec, channels: file.info.channels, sha256: file.sha256 }, now);
    }
    return callId;
  })();
}

/** Records a recording that did not come in (pending, unavailable, missing, failed), with a sync_error activity for failures. */
export function writeProblem(repos: Repos, sourceId: number, call: RemoteCall | null, rec: RemoteRecording, state: RecordingState, message: string | null, now: string): void {
  repos.db.transaction(() => {
    const callId = call ? writeTwilioCall(repos, sourceId, call, null, now) : null;
    recordState(repos, sourceId, callId, rec, state, message, now);
    if (callId !== null && (state === 'failed' || state === 'missing')) {
      addChild(repos, callId, call!.sid, 'sync_error', rec, { message, state }, now);
    }
  })();
}

function recordState(repos: Repos, sourceId: number, callId: number | null, rec: RemoteRecording, state: RecordingState, error: string | null, now: string): void {
  repos.twilio.upsert(
    { sid: rec.sid, sourceId, callId, callSid: rec.callSid, apiStatus: rec.status, state, channels: rec.channels, durationSec: rec.durationSec, dateCreated: iso(rec.dateCreated), error },
    now,
  );
}

function addChild(repos: Repos, callId: number, callSid: string, type: string, rec: RemoteRecording, extra: Record<string, unknown>, now: string): void {
  const parent = repos.activities.ensureCallActivity(callId, null, callSid, {}, now, false);
  const start = repos.calls.row(callId)?.started_at;
  const offset = start && rec.dateCreated ? Math.max(0, (rec.dateCreated.getTime() - Date.parse(start)) / 1000) : null;
  repos.activities.add({ callId, type, at: iso(rec.dateCreated) ?? now, offsetSec: offset, origin: 'twilio', payload: { recordingSid: rec.sid, ...extra }, parentId: parent, groupId: callSid }, now);
}
