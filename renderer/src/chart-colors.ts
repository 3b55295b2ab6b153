/**
 * Colours of the charts, the same as styles.css's variables; SVG presentation attributes cannot
 * read CSS variables, so charts take them from here.
 */
export const COLORS = {
  caller: '#2456c7',
  agent: '#6b3fa0',
  unknown: '#8a94a3',
  silence: '#d3d8df',
  positive: '#1d7a45',
  negative: '#b3261e',
  neutral: '#8a94a3',
  accent: '#2456c7',
  muted: '#5f6b7a',
  grid: '#e4e7eb',
  faint: '#b8c4d9',
} as const;

/** The colour of a sentiment label. */
export function sentimentColor(label: 'positive' | 'neutral' | 'negative'): string {
  return COLORS[label];
}
