import { useRef, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Rectangle, ReferenceLine, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { CallListFilters, DashboardResult } from '../../../shared/dashboard.js';
import { formatScore } from '../analysis-logic.js';
import { COLORS, sentimentColor } from '../chart-colors.js';
import { bucketLabel, percent, shortDay } from '../dashboard-logic.js';
import { useElementWidth } from '../use-element-width.js';

/** Filters the call list by what was clicked; `label` is what the list's chip says. */
export type OnPick = (pick: Partial<CallListFilters>, label: string) => void;

const AXIS_TICK = { fontSize: 11, fill: COLORS.muted };

/** A dashboard card whose chart gets the card's width. */
function ChartCard({ id, title, note, children }: { id: string; title: string; note?: ReactNode; children: (width: number) => ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  return (
    <section className="dash-card" data-testid={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {note !== undefined && <p className="dash-note">{note}</p>}
      <div className="chart-box" ref={box}>
        {width > 0 && children(width)}
      </div>
    </section>
  );
}

/** Calls per day; a click on a day's bar lists that day's calls. */
export function CallsPerDay({ data, onPick }: { data: DashboardResult['callsPerDay']; onPick: OnPick }) {
  return (
    <ChartCard id="dash-calls-per-day" title="Calls per day" note="Click a day to list its calls.">
      {(width) =>
        data.length === 0 ? (
          <p className="muted small">No call has a start time in this range.</p>
        ) : (
          <BarChart width={width} height={180} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke={COLORS.grid} />
            <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS_TICK} interval="preserveStartEnd" />
            <YAxis width={32} allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip isAnimationActive={false} formatter={(v) => [String(v), 'Calls']} />
            <Bar
              dataKey="count"
              fill={COLORS.accent}
              maxBarSize={48}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_d, i) => {
                const d = data[i];
                if (d !== undefined) onPick({ day: d.day }, d.day);
              }}
            />
          </BarChart>
        )
      }
    </ChartCard>
  );
}

/** Mean overall sentiment per day (bars above or below 0); a click lists that day's calls. */
export function SentimentByDay({ s, onPick }: { s: DashboardResult['sentiment']; onPick: OnPick }) {
  return (
    <ChartCard id="dash-sentiment-day" title="Average sentiment per day" note={<>Overall {s.average === null ? '—' : formatScore(s.average)} over the analysed calls.</>}>
      {(width) =>
        s.byDay.length === 0 ? (
          <p className="muted small">No analysed calls yet: run analysis on some calls.</p>
        ) : (
          <BarChart width={width} height={180} data={s.byDay} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke={COLORS.grid} />
            <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS_TICK} interval="preserveStartEnd" />
            <YAxis width={36} domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} tick={AXIS_TICK} />
            <ReferenceLine y={0} stroke={COLORS.faint} />
            <Tooltip isAnimationActive={false} formatter={(v, _n, item) => [`${formatScore(Number(v))} over ${(item.payload as { calls: number }).calls} call(s)`, 'Average']} />
            <Bar
              dataKey="average"
              maxBarSize={48}
              cursor="pointer"
              isAnimationActive={false}
              shape={(p: BarShapeProps) => <Rectangle {...p} fill={(s.byDay[p.index]?.average ?? 0) < 0 ? COLORS.negative : COLORS.positive} />}
              onClick={(_d, i) => {
                const d = s.byDay[i];
                if (d !== undefined) onPick({ day: d.day }, d.day);
              }}
            />
          </BarChart>
        )
      }
    </ChartCard>
  );
}

/** Analysed calls per overall sentiment label; a click lists the calls with that label. */
export function SentimentBuckets({ s, onPick }: { s: DashboardResult['sentiment']; onPick: OnPick }) {
  return (
    <ChartCard id="dash-sentiment-buckets" title="Calls by sentiment">
      {(width) => (
        <BarChart width={width} height={150} data={s.buckets} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis dataKey="label" tick={AXIS_TICK} />
          <YAxis width={32} allowDecimals={false} tick={AXIS_TICK} />
          <Tooltip isAnimationActive={false} formatter={(v) => [String(v), 'Calls']} />
          <Bar
            dataKey="calls"
            maxBarSize={56}
            cursor="pointer"
            isAnimationActive={false}
            shape={(p: BarShapeProps) => <Rectangle {...p} fill={sentimentColor(s.buckets[p.index]?.label ?? 'neutral')} />}
            onClick={(_d, i) => {
              const b = s.buckets[i];
              if (b !== undefined) onPick({ sentiment: b.label }, `sentiment ${b.label}`);
            }}
          />
        </BarChart>
      )}
    </ChartCard>
  );
}

/** Mean share of talk per side as one stacked bar, and the mean silence. */
export function TalkRatio({ t }: { t: DashboardResult['talkRatio'] }) {
  const row = { name: 'talk', caller: t.caller ?? 0, agent: t.agent ?? 0 };
  return (
    <ChartCard
      id="dash-talk"
      title="Talk ratio"
      note={
        t.calls === 0 ? 'No call has metrics yet.' : (
          <>
            Caller <strong>{percent(t.caller)}</strong> · agent/bot <strong>{percent(t.agent)}</strong> of the talk · silence {percent(t.silence)} of the call, mean over {t.calls} call
            {t.calls === 1 ? '' : 's'}.
          </>
        )
      }
    >
      {(width) =>
        t.calls > 0 && (
          <BarChart width={width} height={34} data={[row]} layout="vertical" margin={{ top: 2, right: 0, bottom: 2, left: 0 }} barCategoryGap={0}>
            <XAxis type="number" domain={[0, Math.max(1, row.caller + row.agent)]} hide />
            <YAxis type="category" dataKey="name" hide />
            <Tooltip isAnimationActive={false} formatter={(v, n) => [percent(Number(v)), n === 'caller' ? 'Caller' : 'Agent/bot']} labelFormatter={() => 'Mean share of talk'} />
            <Bar dataKey="caller" stackId="t" fill={COLORS.caller} isAnimationActive={false} />
            <Bar dataKey="agent" stackId="t" fill={COLORS.agent} isAnimationActive={false} />
          </BarChart>
        )
      }
    </ChartCard>
  );
}

/** Agent/bot response latencies as a histogram; a click lists the calls with a response in that bucket. */
export function LatencyHistogram({ l, onPick }: { l: DashboardResult['latency']; onPick: OnPick }) {
  const data = l.buckets.map((b) => ({ ...b, label: bucketLabel(b) }));
  return (
    <ChartCard
      id="dash-latency"
      title="Agent/bot response latency"
      note={l.turns === 0 ? 'No measured responses yet.' : <>Median {l.medianSec === null ? '—' : `${l.medianSec.toFixed(2)} s`} over {l.turns} responses. Click a bucket to list its calls.</>}
    >
      {(width) =>
        l.turns > 0 && (
          <BarChart width={width} height={180} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke={COLORS.grid} />
            <XAxis dataKey="label" tick={AXIS_TICK} interval={0} />
            <YAxis width={32} allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip isAnimationActive={false} formatter={(v, _n, item) => [`${String(v)} responses in ${(item.payload as { calls: number }).calls} call(s)`, 'Responses']} />
            <Bar
              dataKey="turns"
              fill={COLORS.agent}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_d, i) => {
                const b = l.buckets[i];
                if (b !== undefined && b.turns > 0) onPick({ latency: { min: b.min, max: b.max } }, `latency ${bucketLabel(b)}`);
              }}
            />
          </BarChart>
        )
      }
    </ChartCard>
  );
}
