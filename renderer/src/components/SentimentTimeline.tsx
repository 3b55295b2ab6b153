import { useRef, type MouseEvent } from 'react';
import { Area, AreaChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTimestamp } from '../../../shared/format.js';
import type { LlmAnalysis } from '../../../shared/llm-analysis.js';
import { formatScore, sentimentSteps } from '../analysis-logic.js';
import { COLORS } from '../chart-colors.js';
import { usePlayback } from '../player/playback-context.js';
import { useElementWidth } from '../use-element-width.js';

const HEIGHT = 72;
// The plot keeps a little room above +1 and below −1 so a line at either end stays visible.
const PAD = 3;

/** Where playback is, as a line over the chart; its own component so time updates redraw only it. */
function Playhead({ duration }: { duration: number }) {
  const left = usePlayback((s) => (s.ready && duration > 0 ? Math.min(100, Math.max(0, (s.time / duration) * 100)) : null));
  if (left === null) return null;
  return <div className="timeline-playhead" style={{ left: `${left}%` }} aria-hidden="true" />;
}

/**
 * Sentiment over time under the waveform: x is call time 0..duration over the same width as the
 * waveform lanes (a 118 px header column, like the lane headers, then the plot), y is −1..+1.
 * Each window holds its score from its start to its end; windows without speech leave a gap.
 * A click seeks the player there, like a click on the waveform.
 */
export function SentimentTimeline({ overTime, duration, windowSec }: { overTime: LlmAnalysis['sentiment']['overTime']; duration: number; windowSec: number }) {
  const plot = useRef<HTMLDivElement>(null);
  const width = useElementWidth(plot);
  const seek = usePlayback((s) => (s.ready ? s.seek : null));
  const data = sentimentSteps(overTime);
  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    const rect = plot.current?.getBoundingClientRect();
    if (seek === null || rect === undefined || rect.width === 0 || duration <= 0) return;
    seek(((e.clientX - rect.left) / rect.width) * duration, false);
  };
  return (
    <div className="sentiment-timeline" data-testid="sentiment-chart" data-points={data.length}>
      <div className="timeline-label">
        <span className="timeline-name">Sentiment</span>
        <span className="timeline-scale" aria-hidden="true">
          <span>+1</span>
          <span>0</span>
          <span>−1</span>
        </span>
        <span className="muted small">per {windowSec} s</span>
      </div>
      <div className={`timeline-plot${seek !== null ? ' is-seekable' : ''}`} ref={plot} onClick={onClick}>
        {width > 0 && duration > 0 && (
          <AreaChart width={width} height={HEIGHT} data={data} margin={{ top: PAD, right: 0, bottom: PAD, left: 0 }} accessibilityLayer={false}>
            <defs>
              {/* In the plot's own coordinates, so the colour changes exactly at 0 whatever the data spans. */}
              <linearGradient id="sentiment-fill" gradientUnits="userSpaceOnUse" x1={0} y1={PAD} x2={0} y2={HEIGHT - PAD}>
                <stop offset="50%" stopColor={COLORS.positive} stopOpacity={0.35} />
                <stop offset="50%" stopColor={COLORS.negative} stopOpacity={0.35} />
              </linearGradient>
              <linearGradient id="sentiment-line" gradientUnits="userSpaceOnUse" x1={0} y1={PAD} x2={0} y2={HEIGHT - PAD}>
                <stop offset="50%" stopColor={COLORS.positive} />
                <stop offset="50%" stopColor={COLORS.negative} />
              </linearGradient>
            </defs>
            <XAxis type="number" dataKey="t" domain={[0, duration]} allowDataOverflow hide />
            <YAxis type="number" domain={[-1, 1]} allowDataOverflow hide />
            <ReferenceLine y={0} stroke={COLORS.faint} />
            <ReferenceLine y={0.5} stroke={COLORS.grid} strokeDasharray="3 3" />
            <ReferenceLine y={-0.5} stroke={COLORS.grid} strokeDasharray="3 3" />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(t) => formatTimestamp(Number(t))}
              formatter={(v) => [formatScore(Number(v)), 'Sentiment']}
            />
            <Area
              type="linear"
              dataKey="score"
              baseValue={0}
              stroke="url(#sentiment-line)"
              strokeWidth={2}
              fill="url(#sentiment-fill)"
              connectNulls={false}
              isAnimationActive={false}
              dot={false}
              activeDot={false}
            />
          </AreaChart>
        )}
        <Playhead duration={duration} />
      </div>
    </div>
  );
}
