import { lazy, Suspense, useEffect } from 'react';
import { CallDetailPane } from './components/CallDetailPane.js';
import { CallList } from './components/CallList.js';
import { EmptyState } from './components/EmptyState.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { ImportProgressBar } from './components/ImportProgressBar.js';
import { ImportWarnings } from './components/ImportWarnings.js';
import { SearchBox } from './components/SearchBox.js';
import { SearchView } from './components/SearchView.js';
import { JobsPanel } from './components/JobsPanel.js';
import { ReviewOverlays } from './components/ReviewOverlays.js';
import { SourcesSidebar } from './components/SourcesSidebar.js';
import { useApp, useAppStore } from './store-context.js';

// The dashboard and its charting library load when first shown, so the call list does not wait for them.
const DashboardView = lazy(() => import('./components/DashboardView.js').then((m) => ({ default: m.DashboardView })));

/** The main window: sources on the left, the call list above the open call's detail. */
export function App() {
  const store = useAppStore();
  const total = useApp((s) => s.total);
  const listLoaded = useApp((s) => s.listLoaded);
  const warningsOpen = useApp((s) => s.warningsOpen);
  const jobsOpen = useApp((s) => s.jobsOpen);
  const info = useApp((s) => s.info);
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const filtered = useApp((s) => s.listFilter !== null);

  useEffect(() => store.getState().init(), [store]);

  return (
    <div className="app">
      <SourcesSidebar />
      <main className="main">
        <header className="topbar">
          <h1 className="sr-only">{view === 'calls' ? 'Calls' : view === 'search' ? 'Search' : 'Dashboard'}</h1>
          <nav className="view-switch" aria-label="Views">
            <button type="button" className="view-button" data-testid="view-calls" aria-pressed={view === 'calls'} onClick={() => setView('calls')}>
              Calls
            </button>
            <button type="button" className="view-button" data-testid="view-search" aria-pressed={view === 'search'} onClick={() => setView('search')}>
              Search
            </button>
            <button type="button" className="view-button" data-testid="view-dashboard" aria-pressed={view === 'dashboard'} onClick={() => setView('dashboard')}>
              Dashboard
            </button>
          </nav>
          <SearchBox />
          <span className="topbar-count" aria-live="polite">
            {listLoaded ? `${total} call${total === 1 ? '' : 's'}${filtered ? ' (filtered)' : ''}` : 'Loading…'}
          </span>
          {info !== null && (
            <span className="topbar-mode" title={`Data folder: ${info.dataDir}`}>
              CallReview {info.version} · {info.mode} mode
            </span>
          )}
        </header>
        <ErrorBanner />
        <ImportProgressBar />
        {listLoaded && total === 0 && !filtered ? (
          <EmptyState />
        ) : view === 'dashboard' ? (
          <Suspense fallback={<p className="muted dash-pad">Loading the dashboard…</p>}>
            <DashboardView />
          </Suspense>
        ) : (
          <div className="workspace">
            {view === 'search' ? <SearchView /> : <CallList />}
            <CallDetailPane />
          </div>
        )}
      </main>
      {warningsOpen && <ImportWarnings />}
      {jobsOpen && <JobsPanel />}
      <ReviewOverlays />
    </div>
  );
}
