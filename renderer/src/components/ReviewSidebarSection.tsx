import { useEffect } from 'react';
import { useApp } from '../store-context.js';

/** The sidebar's review section: the QA rubrics (each opens the editor), a new rubric, and the scored calls. */
export function ReviewSidebarSection() {
  const rubrics = useApp((s) => s.rubrics);
  const load = useApp((s) => s.loadRubrics);
  const openEditor = useApp((s) => s.openRubricEditor);
  const setScoredOpen = useApp((s) => s.setScoredOpen);
  const setJobsOpen = useApp((s) => s.setJobsOpen);
  const setWarningsOpen = useApp((s) => s.setWarningsOpen);
  const closeContact = useApp((s) => s.closeContact);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="sidebar-section review-sidebar" aria-labelledby="rubrics-title" data-testid="review-sidebar">
      <div className="sidebar-heading">
        <h2 id="rubrics-title">Rubrics</h2>
        <button type="button" className="btn btn-small" data-testid="new-rubric" onClick={() => void openEditor(null)}>
          New rubric
        </button>
      </div>
      {rubrics.length === 0 ? (
        <p className="muted small">No QA rubric yet.</p>
      ) : (
        <ul className="rubric-list">
          {rubrics.map((r) => (
            <li key={r.id}>
              <button type="button" className="rubric-item" data-testid="rubric-item" title="Edit: saving makes a new version" onClick={() => void openEditor(r.id)}>
                <span className="rubric-item-name">
                  {r.name} <span className="muted">v{r.version}</span>
                </span>
                <span className="rubric-item-facts">
                  {r.sectionCount} section{r.sectionCount === 1 ? '' : 's'} · {r.criterionCount} criteri{r.criterionCount === 1 ? 'on' : 'a'} · {r.scoreCount} score{r.scoreCount === 1 ? '' : 's'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="btn btn-block btn-small scored-button"
        data-testid="scored-calls-button"
        onClick={() => {
          // One drawer at a time: they share the right edge.
          setJobsOpen(false);
          setWarningsOpen(false);
          closeContact();
          setScoredOpen(true);
        }}
      >
        Scored calls
      </button>
    </section>
  );
}
