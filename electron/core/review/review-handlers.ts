import type { Handlers } from '../../../shared/ipc/contract.js';
import type { reviewContract } from '../../../shared/ipc/review-contract.js';
import type { Repos } from '../db/repos/index.js';
import { CommentService } from './comment-service.js';
import { RubricService } from './rubric-service.js';
import { ScoreService } from './score-service.js';
import { callTimeline, contactTimeline } from './timeline.js';
import { logTranscriptViewed } from './transcript-views.js';

/** The review channels. */
export type ReviewChannel = keyof typeof reviewContract;

/** The review services over one library; stateless, so any shell may build them. */
export interface ReviewServices {
  comments: CommentService;
  rubrics: RubricService;
  scores: ScoreService;
}

/** Builds the review services. */
export function createReviewServices(repos: Repos, now: () => string): ReviewServices {
  return { comments: new CommentService(repos, now), rubrics: new RubricService(repos, now), scores: new ScoreService(repos, now) };
}

/** The review channels' handlers (spread into createHandlers); each is a line over a review service. */
export function createReviewHandlers(core: { repos: Repos; now: () => string }) {
  const { repos, now } = core;
  const review = createReviewServices(repos, now);
  return {
    'timeline:call': async ({ callId, ...filters }) => callTimeline(repos, callId, filters),
    'timeline:contact': async ({ phone, contactId, ...filters }) => contactTimeline(repos, contactId !== undefined ? { contactId } : { phone: phone! }, filters),
    'comments:add': async (input) => review.comments.add(input),
    'comments:edit': async (input) => review.comments.edit(input),
    'comments:delete': async ({ id }) => review.comments.delete(id),
    'comments:list': async ({ callId, includeDeleted }) => review.comments.list(callId, includeDeleted),
    'rubrics:list': async () => review.rubrics.list(),
    'rubrics:save': async (input) => review.rubrics.save(input),
    'rubrics:get': async ({ id, version }) => review.rubrics.get(id, version),
    'scores:list': async (filters) => review.scores.list(filters),
    'scores:get': async ({ id }) => review.scores.get(id),
    'scores:save': async (input) => review.scores.save(input),
    'scores:complete': async ({ id, answers }) => review.scores.complete(id, answers),
    'review:transcriptViewed': async ({ callId, transcriptId }) => logTranscriptViewed(repos, now, callId, transcriptId),
    'review:scoreStats': async (opts) => review.scores.stats(opts),
  } satisfies Pick<Handlers, ReviewChannel>;
}
