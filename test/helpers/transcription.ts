/** A library with the fake OpenAI behind it: what the transcription tests and the benchmark share. */
import { rmSync } from 'node:fs';
import { createCore, type Core, type CoreOptions } from '../../electron/core/app-core.js';
import { FakeOpenAI } from '../fakes/openai/fake-openai.js';
import { copySession, makeTempDir, type FixtureSession } from './recorder-folder.js';

/** A temp data dir, a fake OpenAI with the fixture scripts, and a core pointed at it. */
export interface TranscriptionRig {
  core: Core;
  fake: FakeOpenAI;
  dataDir: string;
  recordings: string;
  env: NodeJS.ProcessEnv;
  /** Imports fixture sessions and returns their call ids by session name. */
  importSessions(...sessions: FixtureSession[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** Starts the fake and a core whose OPENAI_* point at it; queue times shrunk so retries finish in a test. */
export async function transcriptionRig(opts: { fake?: ConstructorParameters<typeof FakeOpenAI>[0]; key?: string; core?: CoreOptions } = {}): Promise<TranscriptionRig> {
  const fake = new FakeOpenAI(opts.fake);
  fake.addFixtureScripts();
  const baseURL = await fake.start();
  const dataDir = makeTempDir('callreview-tx-');
  const recordings = makeTempDir('callreview-tx-rec-');
  const env = { OPENAI_API_KEY: opts.key ?? fake.apiKey, OPENAI_BASE_URL: baseURL };
  // Metrics jobs are left out (auto: false) so the transcription tests count only their own jobs.
  const core = createCore(dataDir, { env, jobs: { pollMs: 50, baseDelayMs: 100, maxDelayMs: 1000, leaseMs: 5000 }, metrics: { auto: false }, ...opts.core });
  return {
    core,
    fake,
    dataDir,
    recordings,
    env,
    async importSessions(...sessions) {
      for (const s of sessions) copySession(s, recordings);
      await core.library.addFolder(recordings, false);
      const ids: Record<string, number> = {};
      for (const s of sessions) {
        const id = core.repos.calls.idByRef(s);
        if (id === null) throw new Error(`session ${s} was not imported`);
        ids[s] = id;
      }
      return ids;
    },
    async close() {
      core.close();
      await fake.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(recordings, { recursive: true, force: true });
    },
  };
}
