/*
 * QA scoring lives in shared/review-scoring.ts so the app's scorecard shows, while the reviewer
 * answers, the very percent the core stores; the core's modules keep importing it from here.
 */
export { answerProblems, earned, failsCriterion, scoreAnswers, toPercent, type ScoreResult } from '../../../shared/review-scoring.js';
