import type { Db } from '../open.js';
import { ActivitiesRepo } from './activities-repo.js';
import { AnalysesRepo } from './analyses-repo.js';
import { AudioRepo } from './audio-repo.js';
import { CallsRepo } from './calls-repo.js';
import { IssuesRepo } from './issues-repo.js';
import { SearchRepo } from './search-repo.js';
import { JobsRepo } from './jobs-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { SourcesRepo } from './sources-repo.js';
import { TranscriptsRepo } from './transcripts-repo.js';
import { TwilioRepo } from './twilio-repo.js';
import { ContactsRepo } from './contacts-repo.js';

/** Every repo over one database. */
export interface Repos {
  db: Db;
  calls: CallsRepo;
  audio: AudioRepo;
  transcripts: TranscriptsRepo;
  activities: ActivitiesRepo;
  sources: SourcesRepo;
  issues: IssuesRepo;
  twilio: TwilioRepo;
  settings: SettingsRepo;
  contacts: ContactsRepo;
  jobs: JobsRepo;
  /** Full-text search over active transcripts. */
  search: SearchRepo;
  /** Stored analyses (local metrics, LLM reviews), kept per transcript version with history. */
  analyses: AnalysesRepo;
}

/** Builds the repos for a database handle. */
export function createRepos(db: Db): Repos {
  return {
    db,
    calls: new CallsRepo(db),
    audio: new AudioRepo(db),
    transcripts: new TranscriptsRepo(db),
    activities: new ActivitiesRepo(db),
    sources: new SourcesRepo(db),
    issues: new IssuesRepo(db),
    twilio: new TwilioRepo(db),
    settings: new SettingsRepo(db),
    contacts: new ContactsRepo(db),
    jobs: new JobsRepo(db),
    search: new SearchRepo(db),
    analyses: new AnalysesRepo(db),
  };
}
