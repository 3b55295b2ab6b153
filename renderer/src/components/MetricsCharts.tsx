import { useRef } from 'react';
import { Bar, BarChart, Rectangle, ReferenceLine, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { CallMetrics } from '../../../shared/analysis.js';
import { latencyBars, talkParts, type TalkPart } from '../analysis-logic.js';
import { COLORS } from '../chart-colors.js';
import { percent } from '../dashboard-logic.js';
import { usePlayback } from '../player/playback-context.js';
import { useElementWidth } from '../use-element-width.js';

const PART_COLOR: Record<TalkPart['key'], string> = { caller: COLORS.caller, agent: COLORS.agent, unknown: COLORS.unknown, silence: COLORS.silence };
const secs = (x: number): string => `${x.toFixed(1)} s`;

/** Caller talk, agent/bot talk and silence as one stacked bar over the call's length, with a legend of seconds and shares. */
export function TalkTimeBar({ metrics }: { metrics: CallMetrics }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const parts = talkParts(metrics);
  const row = Object.fromEntries([['name', 'talk'], ...parts.map((p, i) => [`p${i}`, p.seconds])]) as Record<string, number | string>;
  const total = parts.reduce((n, p) => n + p.seconds, 0);
  return (
    <section className="analysis-card" aria-labelledby="talk-title" data-testid="talk-time">
      <h4 id="talk-title">Talk time</h4>
      <div className="chart-box" ref={box}>
        {width > 0 && total > 0 && (
          <BarChart width={width} height={30} data={[row]} layout="vertical" margin={{ top: 0, right: 0, bottom: 0, left: 0 }} barCategoryGap={0} accessibilityLayer={false}>
            <XAxis type="number" domain={[0, total]} hide />
            <YAxis type="category" dataKey="name" hide />
            {parts.map((p, i) => (
              <Bar key={i} dataKey={`p${i}`} stackId="talk" fill={PART_COLOR[p.key]} isAnimationActive={false} name={p.label} />
            ))}
          </BarChart>
        )}
      </div>
      <ul className="talk-legend" data-testid="talk-legend">
        {parts.map((p, i) => (
          <li key={i} data-part={p.key}>
            <span className="swatch" style={{ background: PART_COLOR[p.key] }} aria-hidden="true" />
            {p.label} <strong>{secs(p.seconds)}</strong> <span className="muted">({percent(p.share)} of the call)</span>
          </li>
        ))}
      </ul>
      {metrics.interruptions.count > 0 && (
        <p className="muted small">
          {metrics.interruptions.count} interruption{metrics.interruptions.count === 1 ? '' : 's'}, {metrics.turns} turns
        </p>
      )}
    </section>
  );
}

/**
 * Every hand-over's latency as a bar in call order: agent/bot answers to the caller in colour (what
 * median and worst count), the caller's own answers grey; a click plays from that moment.
 */
export function LatencyChart({ metrics }: { metrics: CallMetrics }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const seek = usePlayback((s) => (s.ready ? s.seek : null));
  const bars = latencyBars(metrics);
  const { medianSec, worstSec } = metrics.latency;
  return (
    <section className="analysis-card" aria-labelledby="latency-title" data-testid="latency-chart" data-bars={bars.length}>
      <h4 id="latency-title">Response latency</h4>
      <p className="latency-figures">
        Median <strong data-testid="latency-median">{medianSec === null ? '—' : secs(medianSec)}</strong> · worst{' '}
        <strong data-testid="latency-worst">{worstSec === null ? '—' : secs(worstSec)}</strong>
        <span className="muted"> over {metrics.latency.count} agent/bot answer{metrics.latency.count === 1 ? '' : 's'}</span>
      </p>
      <div className="chart-box" ref={box}>
        {bars.length === 0 ? (
          <p className="muted small">No hand-overs between speakers to measure.</p>
        ) : (
          width > 0 && (
            <BarChart width={width} height={140} data={bars} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
              <YAxis width={40} tick={{ fontSize: 11 }} unit=" s" allowDecimals />
              <Tooltip
                isAnimationActive={false}
                formatter={(v, _n, item) => [secs(Number((item.payload as { raw: number }).raw ?? v)), (item.payload as { who: string }).who]}
                labelFormatter={(l) => `At ${String(l)}`}
              />
              {medianSec !== null && <ReferenceLine y={medianSec} stroke={COLORS.muted} strokeDasharray="4 3" label={{ value: 'median', position: 'insideTopRight', fontSize: 10, fill: COLORS.muted }} />}
              <Bar
                dataKey="latency"
                isAnimationActive={false}
                cursor={seek !== null ? 'pointer' : undefined}
                shape={(p: BarShapeProps) => <Rectangle {...p} fill={bars[p.index]?.response === false ? COLORS.faint : COLORS.agent} />}
                onClick={(_d, index) => {
                  const b = bars[index];
                  if (b !== undefined && seek !== null) seek(b.at, true);
                }}
              />
            </BarChart>
          )
        )}
      </div>
      <p className="muted small">Time from one speaker stopping to the next starting; purple: the agent or bot answering the caller, grey: the caller answering. Click a bar to play from there.</p>
    </section>
  );
}
