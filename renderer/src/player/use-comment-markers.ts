import { useEffect, useRef } from 'react';
import type { Comment } from '../../../shared/review.js';
import { commentExcerpt } from '../review-logic.js';
import type { WaveSurferHandle } from './use-wave-surfer.js';

/** Comments are teal, apart from the amber function calls and grey session events. */
export const COMMENT_COLOR = '#0f766e';
const REGION_FILL = 'rgba(15, 118, 110, 0.16)';

/** The label of a comment marker: the start of its text, at the foot of the lanes; a click on it seeks. */
function commentLabel(c: Comment, onPick: (c: Comment) => void): HTMLElement {
  const el = document.createElement('div');
  el.textContent = commentExcerpt(c.text);
  el.title = c.text;
  el.dataset['testid'] = 'comment-marker';
  el.dataset['commentId'] = String(c.id);
  el.dataset['start'] = String(c.start);
  el.setAttribute('part', 'comment-label');
  Object.assign(el.style, {
    position: 'absolute',
    bottom: '1px',
    left: '0',
    fontSize: '10.5px',
    lineHeight: '15px',
    padding: '0 4px',
    color: '#fff',
    background: COMMENT_COLOR,
    borderRadius: '0 3px 3px 0',
    whiteSpace: 'nowrap',
    fontFamily: 'system-ui, sans-serif',
    cursor: 'pointer',
    // The marker's own element lets the pointer through (drags still make a loop); its label takes clicks.
    pointerEvents: 'auto',
    maxWidth: '220px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  });
  // Neither the waveform's click-to-seek nor its drag-to-loop should see a press on the label.
  el.addEventListener('pointerdown', (e) => e.stopPropagation());
  el.addEventListener('click', (e) => {
    e.stopPropagation();
    onPick(c);
  });
  return el;
}

/**
 * Draws the call's comments on the waveform: a teal line at a moment or a tinted stretch for a
 * region, labelled with the start of the text; clicking the label calls `onPick` (seek, show it).
 */
export function useCommentMarkers(handle: WaveSurferHandle | null, comments: readonly Comment[], onPick: (c: Comment) => void): void {
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    if (handle === null) return;
    const added = comments.map((c) => {
      const region = handle.regions.addRegion({
        id: `comment-${c.id}`,
        start: c.start,
        ...(c.end === null ? {} : { end: c.end }),
        drag: false,
        resize: false,
        color: c.end === null ? COMMENT_COLOR : REGION_FILL,
      });
      if (region.element !== null) {
        region.element.style.pointerEvents = 'none';
        region.element.dataset['testid'] = 'comment-region';
        region.element.dataset['commentId'] = String(c.id);
        // Above the transcript's segment tints and the loop, so a comment is never hidden under them.
        region.element.style.zIndex = '3';
        region.element.appendChild(commentLabel(c, (x) => pick.current(x)));
      }
      return region;
    });
    return () => added.forEach((r) => r.remove());
  }, [handle, comments]);
}
