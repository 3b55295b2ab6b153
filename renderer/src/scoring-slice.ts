import type { StoreApi } from 'zustand/vanilla';
import type { Answer, AnswerValue, Rubric, RubricSaveInput, RubricSummary, Score, ScoreListItem } from '../../shared/review.js';
import type { ApiClient } from '../api/client.js';
import type { DetailTab } from './analysis-slice.js';

/** One criterion's answer while it is being filled in: the value may still be missing. */
export interface AnswerDraft {
  criterionId: string;
  value: AnswerValue | null;
  citeSec: number | null;
  note: string;
}

/** The scorecard being filled in (or read, once complete) on the open call. */
export interface Scorecard {
  callId: number;
  /** The rubric version the answers are given against. */
  rubric: Rubric;
  /** The stored score; null until the first save. */
  score: Score | null;
  answers: AnswerDraft[];
  dirty: boolean;
  saving: boolean;
  /** What the last save did ("Draft saved."), shown beside the buttons. */
  note: string | null;
}

/** The rubric editor: closed (null), a new rubric (rubric null), or the newest version of one. */
export interface RubricEditorState {
  rubric: Rubric | null;
}

/** Rubrics, their editor, and scoring the open call. */
export interface ScoringSlice {
  rubrics: RubricSummary[];
  rubricEditor: RubricEditorState | null;
  /** The open call's scores, newest first. */
  callScores: ScoreListItem[];
  callScoresCallId: number | null;
  scorecard: Scorecard | null;

  loadRubrics(): Promise<void>;
  openRubricEditor(id: number | null): Promise<void>;
  closeRubricEditor(): void;
  /** Saves a rubric (a new one, or the next version); null when it failed (the banner says why). */
  saveRubric(input: RubricSaveInput): Promise<Rubric | null>;
  loadCallScores(callId: number): Promise<void>;
  /** Scores the call with a rubric's newest version, or reopens the call's draft with that rubric. */
  startScorecard(callId: number, rubricId: number): Promise<void>;
  openScore(scoreId: number): Promise<void>;
  /** Changes one answer's value, moment or note; `value: null` clears the answer. */
  setAnswer(criterionId: string, patch: Partial<Omit<AnswerDraft, 'criterionId'>>): void;
  saveDraft(): Promise<boolean>;
  completeScore(): Promise<boolean>;
  closeScorecard(): void;
}

/** What the slice uses of the rest of the store. */
export interface ScoringHost {
  setDetailTab(tab: DetailTab): void;
  refreshTimeline(callId: number): void;
}

/** What the slice needs from the whole store. */
interface SliceContext<S extends ScoringSlice & ScoringHost> {
  set: StoreApi<S>['setState'];
  get: StoreApi<S>['getState'];
  fail: (err: unknown) => void;
  /** A score was saved or completed: lists of scores elsewhere may be stale. */
  onScoresChanged: () => void;
}

/** The answers that have a value, as the core takes them. */
export function answeredOf(drafts: readonly AnswerDraft[]): Answer[] {
  return drafts.filter((d) => d.value !== null).map((d) => ({ criterionId: d.criterionId, value: d.value!, citeSec: d.citeSec, note: d.note }));
}

const draftsOf = (answers: readonly Answer[]): AnswerDraft[] => answers.map((a) => ({ criterionId: a.criterionId, value: a.value, citeSec: a.citeSec, note: a.note }));

/** Builds the scoring part of the app store over one API client. */
export function createScoringSlice<S extends ScoringSlice & ScoringHost>(api: ApiClient, ctx: SliceContext<S>): ScoringSlice {
  const { get, fail } = ctx;
  const set = (patch: Partial<ScoringSlice>): void => ctx.set(patch as Partial<S>);
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      fail(err);
    }
  };
  const patchCard = (patch: Partial<Scorecard>): void => {
    const card = get().scorecard;
    if (card !== null) set({ scorecard: { ...card, ...patch } });
  };
  const afterSave = (callId: number): void => {
    void get().loadCallScores(callId);
    // Each rubric's score count, which the editor's note quotes.
    void get().loadRubrics();
    ctx.onScoresChanged();
  };
  /** Stores the card's answers as a draft (creating it on the first save); the stored score, or null after an error. */
  const store = async (card: Scorecard): Promise<Score | null> => {
    const answers = answeredOf(card.answers);
    try {
      return card.score === null
        ? await api.call('scores:save', { callId: card.callId, rubricId: card.rubric.id, rubricVersion: card.rubric.version, answers })
        : await api.call('scores:save', { id: card.score.id, answers });
    } catch (err) {
      fail(err);
      return null;
    }
  };

  return {
    rubrics: [],
    rubricEditor: null,
    callScores: [],
    callScoresCallId: null,
    scorecard: null,

    loadRubrics: () => guard(async () => set({ rubrics: await api.call('rubrics:list', {}) })),

    openRubricEditor: (id) =>
      guard(async () => {
        set({ rubricEditor: id === null ? { rubric: null } : { rubric: await api.call('rubrics:get', { id }) } });
      }),

    closeRubricEditor() {
      set({ rubricEditor: null });
    },

    async saveRubric(input) {
      try {
        const rubric = await api.call('rubrics:save', input);
        // The editor goes on editing what was saved: the next save is the version after this one.
        if (get().rubricEditor !== null) set({ rubricEditor: { rubric } });
        void get().loadRubrics();
        return rubric;
      } catch (err) {
        fail(err);
        return null;
      }
    },

    loadCallScores: (callId) =>
      guard(async () => {
        if (get().callScoresCallId !== callId) set({ callScores: [], callScoresCallId: callId });
        const scores = await api.call('scores:list', { callId });
        if (get().callScoresCallId === callId) set({ callScores: scores });
      }),

    startScorecard: (callId, rubricId) =>
      guard(async () => {
        const draft = get().callScoresCallId === callId ? get().callScores.find((s) => s.rubricId === rubricId && s.state === 'draft') : undefined;
        if (draft !== undefined) return get().openScore(draft.id);
        const rubric = await api.call('rubrics:get', { id: rubricId });
        set({ scorecard: { callId, rubric, score: null, answers: [], dirty: false, saving: false, note: null } });
      }),

    openScore: (scoreId) =>
      guard(async () => {
        const score = await api.call('scores:get', { id: scoreId });
        // A score keeps the rubric version it was made with, whatever the newest version says now.
        const rubric = await api.call('rubrics:get', { id: score.rubricId, version: score.rubricVersion });
        set({ scorecard: { callId: score.callId, rubric, score, answers: draftsOf(score.answers), dirty: false, saving: false, note: null } });
      }),

    setAnswer(criterionId, patch) {
      const card = get().scorecard;
      if (card === null || card.score?.state === 'complete') return;
      const current = card.answers.find((a) => a.criterionId === criterionId) ?? { criterionId, value: null, citeSec: null, note: '' };
      const next = { ...current, ...patch };
      const answers = card.answers.some((a) => a.criterionId === criterionId) ? card.answers.map((a) => (a.criterionId === criterionId ? next : a)) : [...card.answers, next];
      set({ scorecard: { ...card, answers, dirty: true, note: null } });
    },

    async saveDraft() {
      const card = get().scorecard;
      if (card === null) return false;
      patchCard({ saving: true });
      const score = await store(card);
      if (score === null) {
        patchCard({ saving: false });
        return false;
      }
      if (get().scorecard?.callId === card.callId) patchCard({ score, saving: false, dirty: false, note: 'Draft saved.' });
      afterSave(card.callId);
      return true;
    },

    async completeScore() {
      const card = get().scorecard;
      if (card === null) return false;
      patchCard({ saving: true });
      try {
        const draft = card.score ?? (await store(card));
        if (draft === null) return false;
        const score = await api.call('scores:complete', { id: draft.id, answers: answeredOf(card.answers) });
        if (get().scorecard?.callId === card.callId) patchCard({ score, answers: draftsOf(score.answers), dirty: false, note: 'Score completed.' });
        afterSave(card.callId);
        get().refreshTimeline(card.callId);
        return true;
      } catch (err) {
        fail(err);
        return false;
      } finally {
        patchCard({ saving: false });
      }
    },

    closeScorecard() {
      set({ scorecard: null });
    },
  };
}
