import type { Db } from '../open.js';
import { ActivitiesRepo } from './activities-repo.js';
import { AnalysesRepo } from './analyses-repo.js';
import { AudioRepo } from './audio-repo.js';
import { CallsRepo } from './calls-repo.js';
import { DashboardRepo } from './dashboard-repo.js';
import { IssuesRepo } from './issues-repo.js';
import { SearchRepo } from './search-repo.js';
import { JobsRepo } from './jobs-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { SourcesRepo } from './sources-repo.js';
import { TranscriptsRepo } from './transcripts-repo.js';
import { TwilioRepo } from './twilio-repo.js';
import { ContactsRepo } from './contacts-repo.js';
import { CommentsRepo } from './comments-repo.js';
import { RubricsRepo } from './rubrics-repo.js';
import { ScoresRepo } from './scores-repo.js';
import { TimelineRepo } from './timeline-repo.js';
import { TagsRepo } from './tags-repo.js';

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
  /** Cross-call aggregates of current analyses (the dashboard). */
  dashboard: DashboardRepo;
  /** Reviewers' comments on calls, with their edit history. */
  comments: CommentsRepo;
  /** QA rubrics and their versions. */
  rubrics: RubricsRepo;
  /** Scores of calls against rubric versions. */
  scores: ScoresRepo;
  /** Reads behind the activity timeline. */
  timeline: TimelineRepo;
  /** Reviewer tags on calls. */
  tags: TagsRepo;
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
    comments: new CommentsRepo(db),
    rubrics: new RubricsRepo(db),
    scores: new ScoresRepo(db),
    timeline: new TimelineRepo(db),
    dashboard: new DashboardRepo(db),
    tags: new TagsRepo(db),
  };
}
