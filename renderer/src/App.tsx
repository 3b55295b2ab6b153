import { useEffect } from 'react';
import { CallDetailPane } from './components/CallDetailPane.js';
import { CallList } from './components/CallList.js';
import { EmptyState } from './components/EmptyState.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { ImportProgressBar } from './components/ImportProgressBar.js';
import { ImportWarnings } from './components/ImportWarnings.js';
import { JobsPanel } from './components/JobsPanel.js';
import { SourcesSidebar } from './components/SourcesSidebar.js';
import { useApp, useAppStore } from './store-context.js';

/** The main window: sources on the left, the call list above the open call's detail. */
export function App() {
  const store = useAppStore();
  const total = useApp((s) => s.total);
  const listLoaded = useApp((s) => s.listLoaded);
  const warningsOpen = useApp((s) => s.warningsOpen);
  const jobsOpen = useApp((s) => s.jobsOpen);
  const info = useApp((s) => s.info);

  useEffect(() => store.getState().init(), [store]);

  return (
    <div className="app">
      <SourcesSidebar />
      <main className="main">
        <header className="topbar">
          <h1 className="topbar-title">Calls</h1>
          <span className="topbar-count" aria-live="polite">
            {listLoaded ? `${total} call${total === 1 ? '' : 's'}` : 'Loading…'}
          </span>
          {info !== null && (
            <span className="topbar-mode" title={`Data folder: ${info.dataDir}`}>
              CallReview {info.version} · {info.mode} mode
            </span>
          )}
        </header>
        <ErrorBanner />
        <ImportProgressBar />
        {listLoaded && total === 0 ? (
          <EmptyState />
        ) : (
          <div className="workspace">
            <CallList />
            <CallDetailPane />
          </div>
        )}
      </main>
      {warningsOpen && <ImportWarnings />}
      {jobsOpen && <JobsPanel />}
    </div>
  );
}
