import { useEffect } from 'react';
import type { CallDetail } from '../../../shared/types.js';
import type { DetailTab } from '../analysis-slice.js';
import { useApp } from '../store-context.js';
import { useTranscriptViewed } from '../use-transcript-viewed.js';
import { panelId, tabId } from './DetailTabs.js';
import { ScorecardPanel } from './ScorecardPanel.js';
import { TimelinePanel } from './TimelinePanel.js';
import './review.css';

/**
 * The call detail's Timeline and Scorecard tab panels. Rendered for the open call whatever the tab,
 * so the call's comments (the waveform marks them) load on opening and "Transcript viewed" is logged
 * when the Transcript tab shows a transcript; both panels stay mounted, keeping what was typed.
 */
export function ReviewTabPanels({ call, tab }: { call: CallDetail; tab: DetailTab }) {
  const loadComments = useApp((s) => s.loadComments);
  // A version chosen on another call never shows here.
  const viewed = useApp((s) => (s.versionsCallId === call.id ? s.viewedTranscript : null));
  const shown = viewed ?? call.transcript;
  useTranscriptViewed(call.id, tab === 'transcript' && shown !== null ? shown.id : null);

  useEffect(() => {
    void loadComments(call.id);
  }, [call.id, loadComments]);

  return (
    <>
      <div className="review-panel" role="tabpanel" id={panelId('timeline')} aria-labelledby={tabId('timeline')} hidden={tab !== 'timeline'}>
        <TimelinePanel call={call} active={tab === 'timeline'} />
      </div>
      <div className="review-panel" role="tabpanel" id={panelId('scorecard')} aria-labelledby={tabId('scorecard')} hidden={tab !== 'scorecard'}>
        <ScorecardPanel call={call} active={tab === 'scorecard'} />
      </div>
    </>
  );
}
