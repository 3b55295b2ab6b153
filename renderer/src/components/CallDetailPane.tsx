import { lazy, Suspense } from 'react';
import { PlaybackProvider } from '../player/playback-context.js';
// Imported statically, not lazily: a lazy chunk makes React hold the reveal (~300 ms) and opening a call must be instant.
import { Player } from '../player/Player.js';
import { useApp } from '../store-context.js';
import { DetailTabs, panelId, tabId } from './DetailTabs.js';
import { ExportControls } from './ExportControls.js';
import { CallMetadata } from './CallMetadata.js';
import { ReviewTabPanels } from './ReviewTabPanels.js';
import { SearchHitBar } from './SearchHitBar.js';
import { useTranscriptSearch } from '../use-search-highlight.js';
import { StatusBadges } from './StatusBadges.js';
import { TranscribeControls, TranscribeFailure } from './TranscribeControls.js';
import { Transcript } from './Transcript.js';
import { TranscriptVersions } from './TranscriptVersions.js';

// The charting library is loaded with the Analysis tab's first showing, so opening a call does not wait for it.
const AnalysisPanel = lazy(() => import('./AnalysisPanel.js').then((m) => ({ default: m.AnalysisPanel })));

/** The open call: its player above two tabs, Transcript (metadata beside transcript, function calls and session events) and Analysis. */
export function CallDetailPane() {
  const detail = useApp((s) => s.detail);
  const openId = useApp((s) => s.openId);
  const loading = useApp((s) => s.detailLoading);
  const sources = useApp((s) => s.sources);
  const swapping = useApp((s) => s.swapping);
  const swapChannels = useApp((s) => s.swapChannels);
  const tab = useApp((s) => s.detailTab);
  const setTab = useApp((s) => s.setDetailTab);
  // A version chosen on another call never shows here.
  const viewed = useApp((s) => (s.versionsCallId === s.openId ? s.viewedTranscript : null));
  const search = useTranscriptSearch();

  if (openId === null || detail === null) {
    return (
      <section className="call-detail call-detail-empty" aria-label="Call detail">
        <p className="muted">
          {loading ? 'Loading call…' : 'Select a call and press Enter, or click it, to see its details.'}
        </p>
      </section>
    );
  }

  return (
    // One playback store per call: the transcript follows and seeks this call's player only.
    <PlaybackProvider key={detail.id}>
      <section
        className="call-detail"
        data-testid="call-detail"
        data-call-id={detail.id}
        aria-label={`Call ${detail.externalId}`}
        aria-busy={loading}
      >
        <header className="detail-header">
          <h2 className="detail-title" title={detail.externalId}>
            {detail.externalId}
          </h2>
          <StatusBadges call={detail} />
          <TranscribeControls key={detail.id} call={detail} />
          <ExportControls key={`export-${detail.id}`} call={detail} />
        </header>
        <TranscribeFailure callId={detail.id} />
        <Player call={detail} />
        <div className="detail-tabs-row">
          <DetailTabs tab={tab} onSelect={setTab} />
          <SearchHitBar callId={detail.id} />
        </div>
        {/* The transcript stays mounted while hidden, so it keeps its scroll position and follows playback. */}
        <div className="detail-columns" role="tabpanel" id={panelId('transcript')} aria-labelledby={tabId('transcript')} hidden={tab !== 'transcript'}>
          <div className="detail-side">
            <CallMetadata call={detail} sources={sources} swapping={swapping} onSwapChannels={() => void swapChannels(detail.id)} />
          </div>
          <div className="detail-main">
            <Transcript
              transcript={viewed ?? detail.transcript}
              versions={detail.transcriptVersions}
              toolbar={<TranscriptVersions callId={detail.id} />}
              search={search}
            />
          </div>
        </div>
        <div className="detail-analysis" role="tabpanel" id={panelId('analysis')} aria-labelledby={tabId('analysis')} hidden={tab !== 'analysis'}>
          {/* Charts measure their width: they are drawn only while their tab shows. */}
          {tab === 'analysis' && (
            <Suspense fallback={<p className="muted detail-section">Loading the analysis…</p>}>
              <AnalysisPanel key={detail.id} call={detail} />
            </Suspense>
          )}
        </div>
        {/* Timeline (grouped activities, comments) and Scorecard; function calls and session events moved to the timeline. */}
        <ReviewTabPanels call={detail} tab={tab} />
      </section>
    </PlaybackProvider>
  );
}
