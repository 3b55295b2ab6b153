import { existsSync } from 'node:fs';
import type { Repos } from '../db/repos/index.js';
import type { ParsedCall } from './parsed-call.js';

const iso = (ms: number | null): string | null => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

/** Writes one parsed call in a single transaction: call row, audio, recorder transcript, activities, warnings. */
export function writeParsedCall(repos: Repos, p: ParsedCall, sourceId: number | null, now: string): { id: number; created: boolean } {
  return repos.db.transaction(() => {
    const { id, created } = repos.calls.upsert(
      {
        source: 'folder',
        sourceId,
        externalId: p.externalId,
        importKey: p.importKey,
        folderPath: p.folderPath,
        startedAt: iso(p.startedAtMs),
        endedAt: iso(p.endedAtMs),
        durationSec: p.durationSec,
        channels: p.channels,
        channelRoles: p.channelRoles,
        fingerprint: p.fingerprint,
      },
      now,
    );
    repos.audio.replace(
      id,
      p.audio.map((a) => ({
        variant: a.variant,
        path: a.file.path,
        size: a.file.size,
        mtimeMs: a.file.mtimeMs,
        format: a.info.sampleFormat,
        sampleRate: a.info.sampleRate,
        channels: a.info.channels,
        bitsPerSample: a.info.bitsPerSample,
        durationSec: a.info.durationSec,
      })),
      existsSync,
    );
    // The recorder's transcript is replaced as a whole; versions from other engines stay.
    if (p.transcript !== null) {
      const wasActive = repos.transcripts.removeBySource(id, 'recorder');
      repos.transcripts.add(id, { source: 'recorder', engine: 'recorder', model: null, params: {}, activate: wasActive }, p.transcript, now);
    }
    const parent = repos.activities.ensureCallActivity(id, iso(p.startedAtMs), p.groupId, { source: 'folder', externalId: p.externalId }, now);
    repos.activities.removeByOrigin(id, 'recorder');
    for (const a of p.activities) {
      repos.activities.add({ callId: id, type: a.type, at: iso(a.atMs), offsetSec: a.offsetSec, origin: 'recorder', payload: a.payload, parentId: parent, groupId: p.groupId }, now);
    }
    repos.issues.replace(p.unitPath, sourceId, id, p.warnings, now);
    return { id, created };
  })();
}
