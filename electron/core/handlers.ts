import { z } from 'zod';
import { contract, isChannel, type Handlers } from '../../shared/ipc/contract.js';
import { AppError, type Envelope } from '../../shared/ipc/envelope.js';
import { Speaker, type CallDetail } from '../../shared/types.js';
import { StoredAnalysis } from '../../shared/llm-analysis.js';
import type { Core } from './app-core.js';
import { dashboard } from './analysis/dashboard.js';
import { toAudioInfo } from './db/repos/audio-repo.js';
import { MigrationError } from './db/migrate.js';
import { createReviewHandlers } from './review/review-handlers.js';
import { setCallTags } from './review/call-tags.js';
import { createSearchHandlers } from './search/search-handlers.js';
import { createExportHandlers } from './export/export-handlers.js';

/** What differs between shells: the mode name and the native folder picker, when there is one. */
export interface ShellFeatures {
  mode: 'electron' | 'browser' | 'cli';
  version: string;
  pickFolder?: () => Promise<string | null>;
  /** The native "export to which folder?" picker (desktop app). */
  pickExportFolder?: () => Promise<string | null>;
}

/** The one API every shell calls; each entry is a line over a core function. */
export function createHandlers(core: Core, shell: ShellFeatures) {
  const { repos, library } = core;
  return {
    'app:info': async () => ({ version: shell.version, mode: shell.mode, dataDir: core.dataDir, canPickFolders: shell.pickFolder !== undefined }),
    'sources:list': async () => repos.sources.list(),
    'sources:addFolder': async ({ path, watch }) => library.addFolder(path, watch),
    'sources:remove': async ({ id, deleteCalls }) => ({ removed: library.removeSource(id, deleteCalls) }),
    'sources:rescan': async ({ id }) => library.rescan(id),
    'sources:issues': async ({ id }) => repos.issues.list(id),
    'library:list': async ({ sort, dir, limit, offset, filters }) => repos.calls.list(sort, dir, limit, offset, filters),
    'library:get': async ({ id }) => getCallDetail(core, id),
    'library:swapChannels': async ({ id }) => {
      const row = repos.calls.row(id);
      if (!row) throw new AppError('not-found', `There is no call with id ${id}.`);
      repos.calls.setChannelRoles(id, readRoles(row.channel_roles).reverse(), core.now());
      return getCallDetail(core, id);
    },
    'twilio:status': async () => core.twilio.status(),
    'twilio:saveCredentials': async (input) => core.twilio.saveCredentials(input),
    'twilio:clearCredentials': async () => core.twilio.clearCredentials(),
    'twilio:testConnection': async () => core.twilio.testConnection(),
    'twilio:sync': async ({ since }) => core.twilio.sync({ since }),
    'twilio:setSettings': async (patch) => core.twilio.setSettings(patch),
    'jobs:list': async ({ states, limit }) => ({ status: core.jobs.status(), jobs: core.jobs.list({ states, limit }) }),
    'jobs:cancel': async ({ id }) => core.jobs.cancel(id),
    'jobs:retry': async ({ id }) => core.jobs.retry(id),
    'jobs:setPaused': async ({ paused }) => {
      if (paused) core.jobs.pause();
      else core.jobs.resume();
      return core.jobs.status();
    },
    'jobs:setConcurrency': async ({ concurrency }) => {
      core.jobs.setConcurrency(concurrency);
      return core.jobs.status();
    },
    'transcription:request': async ({ callIds, missing, options, reason }) =>
      missing ? core.transcription.requestMissing(options) : core.transcription.request(callIds, options, reason),
    'transcription:status': async () => core.transcription.status(),
    'transcription:setSettings': async (patch) => {
      core.transcription.setSettings(patch);
      return core.transcription.status();
    },
    'transcription:saveKey': async ({ apiKey }) => keyChange(() => core.transcription.saveKey(apiKey)),
    'transcription:clearKey': async () => keyChange(() => core.transcription.clearKey()),
    'transcription:testConnection': async () => core.transcription.testConnection(),
    'transcripts:list': async ({ callId }) => {
      if (!repos.calls.row(callId)) throw new AppError('not-found', `There is no call with id ${callId}.`);
      return repos.transcripts.list(callId);
    },
    'transcripts:get': async ({ id }) => {
      const t = repos.transcripts.get(id);
      if (!t) throw new AppError('not-found', `There is no transcript version with id ${id}.`);
      const { callId: _callId, ...info } = t;
      return info;
    },
    'transcripts:setActive': async ({ callId, id }) => {
      if (!repos.transcripts.setActive(callId, id)) throw new AppError('not-found', `Transcript ${id} is not a version of call ${callId}.`);
      // A version made active for the first time gets its metrics now rather than at the next library change.
      core.metrics.queueMissing();
      return getCallDetail(core, callId);
    },
    'analysis:request': async ({ callIds, model }) => core.llm.request(callIds, { model, reason: 'manual' }),
    'analysis:get': async ({ callId }) => core.llm.view(callId),
    'analysis:settings': async () => core.llm.settings(),
    'analysis:setSettings': async (patch) => core.llm.setSettings(patch),
    'analysis:run': async ({ id }) => {
      const parsed = StoredAnalysis.safeParse(repos.analyses.get(id));
      if (!parsed.success) throw new AppError('not-found', `There is no analysis run ${id} that this version can read.`);
      return parsed.data;
    },
    'analysis:dashboard': async (filters) => dashboard(repos, filters),
    'tags:set': async ({ callId, tags }) => {
      setCallTags(repos, core.now(), callId, tags);
      return getCallDetail(core, callId);
    },
    'tags:list': async () => repos.tags.all(),
    'dialog:pickFolder': async () => {
      if (!shell.pickFolder) throw new AppError('unsupported', 'There is no native folder picker in this mode; type the folder path instead.');
      return { path: await shell.pickFolder() };
    },
    ...createReviewHandlers(core),
    ...createSearchHandlers(core),
    ...createExportHandlers(core, shell),
  } satisfies Handlers;
}

/** Runs a key change, turning a malformed key or a store that cannot keep one into a clear request error. */
function keyChange<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof z.ZodError) throw new AppError('bad-request', `That is not an OpenAI API key: ${err.issues[0]?.message ?? 'invalid'}.`);
    // The key never reaches the message: only the store's own reason does.
    throw new AppError('unsupported', err instanceof Error ? err.message : String(err));
  }
}

/** Parses stored channel roles; a damaged value reads as no roles rather than an error. */
function readRoles(json: string): Speaker[] {
  try {
    return z.array(Speaker).catch([]).parse(JSON.parse(json));
  } catch {
    return [];
  }
}

/** Assembles the call detail view from the repos. */
export function getCallDetail(core: Core, id: number): CallDetail {
  const { repos } = core;
  const summary = repos.calls.summary(id);
  const row = repos.calls.row(id);
  if (!summary || !row) throw new AppError('not-found', `There is no call with id ${id}.`);
  return {
    ...summary,
    endedAt: row.ended_at,
    folderPath: row.folder_path,
    channelRoles: readRoles(row.channel_roles),
    parties: repos.contacts.forCall(id),
    audio: repos.audio.forCall(id).map(toAudioInfo),
    transcript: repos.transcripts.active(id),
    transcriptVersions: repos.transcripts.count(id),
    activities: repos.activities.forCall(id),
  };
}

/** Validates a raw request, runs the handler and wraps the outcome in an envelope; never throws. */
export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown, log: (msg: string) => void = () => {}): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${JSON.stringify(channel.slice(0, 80))}.` } };
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: { code: 'bad-request', message: `Invalid request on ${channel}: ${where}${issue?.message ?? 'invalid input'}` } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
    if (err instanceof MigrationError) return { ok: false, error: { code: 'internal', message: err.message } };
    log(`handler ${channel} failed: ${(err as Error).stack ?? String(err)}`);
    return { ok: false, error: { code: 'internal', message: `Something went wrong on ${channel}: ${(err as Error).message}` } };
  }
}
