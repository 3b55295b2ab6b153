import type { CallListFilters } from '../../../../shared/dashboard.js';
import type { SentimentLabel } from '../../../../shared/llm-analysis.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';
import { callFilterSql, currentAnalysisWhere, DAY_SQL, offsetModifier, RESPONSE_LATENCY_SQL } from './call-filters.js';

/** The filters the dashboard aggregates over (the call list's, without the click-picked ones it does not use). */
export type DashboardScope = Pick<CallListFilters, 'from' | 'to' | 'source' | 'direction' | 'utcOffsetMin' | 'tag'>;

/** Raw figures of the calls in a scope; dashboard.ts shapes them. */
export interface DashboardRows {
  totals: { calls: number; analysed: number; withMetrics: number; durationSec: number };
  callsPerDay: Array<{ day: string; count: number }>;
  sentimentByDay: Array<{ day: string | null; sum: number; calls: number }>;
  sentimentLabels: Array<{ label: SentimentLabel; calls: number }>;
  talk: { calls: number; caller: number | null; agent: number | null; silence: number | null };
  /** Response latencies per bucket index (see `bucketSql`), with distinct calls. */
  latencyBuckets: Array<{ bucket: number; turns: number; calls: number }>;
  latencyTurns: number;
  latencyMedian: number | null;
  keyPhrases: Array<{ text: string; calls: number }>;
  qaFlags: Array<{ flag: string; present: number; total: number }>;
}

/** A CASE that numbers the bucket of `value` by the edges (0 for below edges[1], …, the last open-ended). */
function bucketSql(value: string, edges: readonly number[]): string {
  const whens = edges.slice(1).map((e, i) => `WHEN ${value} < ${Number(e)} THEN ${i}`);
  return `CASE ${whens.join(' ')} ELSE ${edges.length - 1} END`;
}

/** Cross-call aggregates of current analyses, in SQL, over the calls that pass some filters. */
export class DashboardRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Every figure of the dashboard for one scope, read in one transaction so they agree. */
  rows(scope: DashboardScope, latencyEdges: readonly number[], topPhrases: number): DashboardRows {
    const { where, params } = callFilterSql(scope);
    const mod = offsetModifier(scope.utcOffsetMin);
    // The scope as CTEs: the filtered calls with their day, and their current LLM and metrics rows.
    const WITH = `WITH fc AS (SELECT c.id, c.duration_sec, ${DAY_SQL} AS day FROM calls c WHERE ${where}),
      llm AS (SELECT c.id AS call_id, c.day, a.payload FROM fc c, analyses a WHERE ${currentAnalysisWhere('llm')}),
      met AS (SELECT c.id AS call_id, a.payload FROM fc c, analyses a WHERE ${currentAnalysisWhere('metrics')}),
      lat AS (SELECT met.call_id, ${RESPONSE_LATENCY_SQL.value} AS v FROM met, json_each(met.payload, '$.latency.items') i WHERE ${RESPONSE_LATENCY_SQL.where})`;
    const p = [mod, ...params];
    const q = <T>(body: string, ...extra: unknown[]): T[] => this.sql(`${WITH} ${body}`).all(...p, ...extra) as T[];
    const one = <T>(body: string): T => q<T>(body)[0] as T;

    return this.db.transaction((): DashboardRows => {
      const totals = one<DashboardRows['totals']>(
        `SELECT count(*) AS calls, coalesce(sum(duration_sec), 0) AS durationSec,
           (SELECT count(*) FROM llm) AS analysed, (SELECT count(*) FROM met) AS withMetrics FROM fc`,
      );
      const latencyTurns = one<{ n: number }>(`SELECT count(*) AS n FROM lat`).n;
      // The median of an even count is the mean of the middle two.
      const middle = q<{ v: number }>(`SELECT v FROM lat ORDER BY v LIMIT 2 - (SELECT count(*) FROM lat) % 2 OFFSET ((SELECT count(*) FROM lat) - 1) / 2`);
      return {
        totals,
        callsPerDay: q(`SELECT day, count(*) AS count FROM fc WHERE day IS NOT NULL GROUP BY day ORDER BY day`),
        sentimentByDay: q(
          `SELECT day, sum(payload->>'$.sentiment.overall.score') AS sum, count(*) AS calls FROM llm
           WHERE payload->>'$.sentiment.overall.score' IS NOT NULL GROUP BY day ORDER BY day IS NULL, day`,
        ),
        sentimentLabels: q(`SELECT payload->>'$.sentiment.overall.label' AS label, count(*) AS calls FROM llm GROUP BY label`),
        talk: one(
          `SELECT count(*) AS calls,
             avg(coalesce(payload->>'$.speakers.caller.talkRatio', 0)) AS caller,
             avg(coalesce(payload->>'$.speakers.agent.talkRatio', 0) + coalesce(payload->>'$.speakers.bot.talkRatio', 0)) AS agent,
             avg(payload->>'$.silence.ratio') AS silence
           FROM met`,
        ),
        latencyBuckets: q(`SELECT ${bucketSql('v', latencyEdges)} AS bucket, count(*) AS turns, count(DISTINCT call_id) AS calls FROM lat GROUP BY bucket`),
        latencyTurns,
        latencyMedian: middle.length === 0 ? null : middle.reduce((n, r) => n + r.v, 0) / middle.length,
        keyPhrases: q(
          `SELECT min(trim(k.value->>'text')) AS text, count(DISTINCT llm.call_id) AS calls
           FROM llm, json_each(llm.payload, '$.keyPhrases') k WHERE trim(k.value->>'text') <> ''
           GROUP BY lower(trim(k.value->>'text')) ORDER BY calls DESC, text LIMIT ?`,
          topPhrases,
        ),
        qaFlags: q(
          `SELECT min(f.value->>'flag') AS flag, sum(f.value->>'present') AS present, count(*) AS total
           FROM llm, json_each(llm.payload, '$.qaFlags') f GROUP BY lower(f.value->>'flag') ORDER BY present DESC, total DESC, flag`,
        ),
      };
    })();
  }
}
