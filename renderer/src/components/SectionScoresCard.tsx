import { useEffect, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreStats } from '../../../shared/review.js';
import { COLORS } from '../chart-colors.js';
import { formatPercent } from '../review-logic.js';
import { useApp } from '../store-context.js';
import { useElementWidth } from '../use-element-width.js';

const AXIS_TICK = { fontSize: 11, fill: COLORS.muted };
const ROW_PX = 26;

/** One rubric's section averages as horizontal bars on a 0–100 % axis. */
function RubricBars({ stats, width }: { stats: ScoreStats; width: number }) {
  const data = stats.sections.map((s) => ({ title: s.title, average: s.averagePercent ?? 0, label: formatPercent(s.averagePercent), count: s.count }));
  const failed = stats.autoFailedCount;
  return (
    <div className="section-scores-rubric" data-testid="section-scores-rubric" data-rubric-id={stats.rubricId}>
      <p className="dash-note">
        <strong>{stats.rubricName}</strong>: {formatPercent(stats.averagePercent)} on average over {stats.scoreCount} complete score{stats.scoreCount === 1 ? '' : 's'}
        {failed > 0 && ` (${failed} auto-failed)`}
      </p>
      <BarChart width={width} height={data.length * ROW_PX + 28} data={data} layout="vertical" margin={{ top: 2, right: 44, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke={COLORS.grid} />
        <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={AXIS_TICK} unit="%" />
        <YAxis type="category" dataKey="title" width={Math.min(160, Math.round(width * 0.38))} tick={AXIS_TICK} interval={0} />
        <Tooltip isAnimationActive={false} formatter={(v, _n, item) => [`${formatPercent(Number(v))} over ${(item.payload as { count: number }).count} score(s)`, 'Average']} />
        <Bar dataKey="average" fill={COLORS.accent} maxBarSize={18} isAnimationActive={false}>
          <LabelList dataKey="label" position="right" style={{ fontSize: 11, fill: COLORS.muted }} />
        </Bar>
      </BarChart>
    </div>
  );
}

/**
 * The dashboard's "Average score per rubric section": for each rubric with complete scores in the
 * dashboard's date range, the mean percent of each section (sections matched by id across versions).
 */
export function SectionScoresCard() {
  const stats = useApp((s) => s.scoreStats);
  const load = useApp((s) => s.loadScoreStats);
  const from = useApp((s) => s.dashControls.from);
  const to = useApp((s) => s.dashControls.to);
  const version = useApp((s) => s.scoresVersion);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);

  useEffect(() => {
    void load(from, to);
  }, [load, from, to, version]);

  const scored = (stats ?? []).filter((s) => s.scoreCount > 0);
  return (
    <section className="dash-card section-scores" data-testid="dash-section-scores" aria-labelledby="dash-section-scores-title">
      <h3 id="dash-section-scores-title">Average score per rubric section</h3>
      <div className="chart-box" ref={box}>
        {stats === null ? (
          <p className="muted small">Loading…</p>
        ) : scored.length === 0 ? (
          <p className="muted small" data-testid="section-scores-empty">
            No complete scorecards in this range yet.
          </p>
        ) : (
          width > 0 && scored.map((s) => <RubricBars key={s.rubricId} stats={s} width={width} />)
        )}
      </div>
    </section>
  );
}
