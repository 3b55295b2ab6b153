import { useEffect, useRef, type RefObject } from 'react';
import type { Segment } from '../../shared/types.js';
import type { SnippetRun } from '../../shared/search.js';
import { useApp } from './store-context.js';

/** What the transcript marks for the search: the line of the hit gone to, and the terms in matched lines. */
export interface TranscriptSearch {
  /** The segment of the hit the reviewer went to, or null. */
  hitSegmentId: number | null;
  /** Changes with every visit to a hit, so each visit scrolls once. */
  nonce: number;
  /** Matched lines' text as runs with the terms marked, by segment id. */
  lineRuns: Record<number, SnippetRun[]>;
}

const NONE: Record<number, SnippetRun[]> = {};

/** The open call's search highlight, from the app store, for the transcript. */
export function useTranscriptSearch(): TranscriptSearch {
  const hitSegmentId = useApp((s) => s.activeHit?.segmentId ?? null);
  const nonce = useApp((s) => s.activeHit?.nonce ?? 0);
  const lineRuns = useApp((s) => s.callHits?.lineRuns ?? NONE);
  return { hitSegmentId, nonce, lineRuns };
}

/** Brings the hit's line in `list` into view, once per visit: reading on afterwards is not pulled back. */
export function useSearchHitScroll(list: RefObject<HTMLElement | null>, segments: readonly Pick<Segment, 'id'>[] | undefined, search: TranscriptSearch | undefined): void {
  const scrolledFor = useRef(0);
  const hitSegmentId = search?.hitSegmentId ?? null;
  const nonce = search?.nonce ?? 0;
  // No dependency list: the line may only get a box later (a call still loading, the tab being hidden).
  useEffect(() => {
    if (hitSegmentId === null || segments === undefined || scrolledFor.current === nonce) return;
    const index = segments.findIndex((seg) => seg.id === hitSegmentId);
    const line = index < 0 ? null : list.current?.children[index];
    if (!(line instanceof HTMLElement) || line.offsetParent === null) return;
    scrolledFor.current = nonce;
    line.scrollIntoView({ block: 'center' });
  });
}
