import { useApp } from '../store-context.js';
import { ContactDrawer } from './ContactDrawer.js';
import { RubricEditor } from './RubricEditor.js';
import { ScoredCallsDrawer } from './ScoredCallsDrawer.js';
import './review.css';

/** The review workflow's drawers and dialog, above whatever view shows: scored calls, a contact's timeline, the rubric editor. */
export function ReviewOverlays() {
  const editor = useApp((s) => s.rubricEditor);
  const scoredOpen = useApp((s) => s.scoredOpen);
  const contactOpen = useApp((s) => s.contact !== null);
  return (
    <>
      {scoredOpen && <ScoredCallsDrawer />}
      {contactOpen && <ContactDrawer />}
      {editor !== null && <RubricEditor rubric={editor.rubric} />}
    </>
  );
}
