import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Party } from '../../../shared/types.js';
import { chipsFor } from '../review-logic.js';
import { useApp } from '../store-context.js';
import { useEscapeToClose } from '../use-modal.js';
import { useOpenEntry } from '../use-open-entry.js';
import { TimelineFilterBar } from './TimelineFilterBar.js';
import { TimelineGroups } from './TimelineGroups.js';

/** "All calls of this number" for each party of the call with a phone number; nothing when none has one. */
export function ContactLinks({ parties }: { parties: readonly Party[] }) {
  const openContact = useApp((s) => s.openContact);
  const setJobsOpen = useApp((s) => s.setJobsOpen);
  const setWarningsOpen = useApp((s) => s.setWarningsOpen);
  const setScoredOpen = useApp((s) => s.setScoredOpen);
  const phones = [...new Set(parties.map((p) => p.phone).filter((p): p is string => p !== null && p.trim() !== ''))];
  if (phones.length === 0) return null;
  return (
    <div className="contact-links">
      {phones.map((phone) => (
        <button
          key={phone}
          type="button"
          className="btn btn-small"
          data-testid="contact-timeline-button"
          data-phone={phone}
          onClick={() => {
            setJobsOpen(false);
            setWarningsOpen(false);
            setScoredOpen(false);
            void openContact(phone);
          }}
        >
          All calls of {phone}
        </button>
      ))}
    </div>
  );
}

/** A phone number's timeline in a drawer: every call of it, newest first, each group folded; a call opens when clicked. */
export function ContactDrawer() {
  const contact = useApp((s) => s.contact);
  const openId = useApp((s) => s.openId);
  const setFilter = useApp((s) => s.setContactFilter);
  const closeContact = useApp((s) => s.closeContact);
  const otherDrawer = useApp((s) => s.jobsOpen || s.warningsOpen || s.scoredOpen);
  const openEntry = useOpenEntry();
  const closeRef = useRef<HTMLButtonElement>(null);
  const chips = useMemo(() => chipsFor(contact?.all?.groups ?? []), [contact?.all]);

  const close = useCallback(() => closeContact(), [closeContact]);
  useEscapeToClose(close);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  useEffect(() => {
    if (otherDrawer) close();
  }, [otherDrawer, close]);

  if (contact === null) return null;
  const who = contact.result?.contact;
  const name = who?.name ?? null;
  const groups = contact.result?.groups ?? null;
  const calls = new Set(groups?.map((g) => g.callId) ?? []).size;
  return (
    <aside className="drawer contact-drawer" aria-labelledby="contact-title" data-testid="contact-timeline">
      <div className="drawer-head">
        <h2 id="contact-title">
          {name === null ? contact.phone : `${name} · ${contact.phone}`}
        </h2>
        <button ref={closeRef} type="button" className="btn btn-small" onClick={close}>
          Close
        </button>
      </div>
      <div className="contact-body">
        <TimelineFilterBar chips={chips} filter={contact.filter} onChange={(patch) => void setFilter(patch)} idPrefix="tl-contact" />
        {groups === null ? (
          <p className="muted small">{contact.loading ? 'Loading…' : ''}</p>
        ) : who === null ? (
          <p className="muted small" data-testid="contact-unknown">
            No call in the library has this number.
          </p>
        ) : groups.length === 0 ? (
          <p className="muted small">No activity matches these filters.</p>
        ) : (
          <>
            <p className="muted small" data-testid="contact-count">
              {calls} call{calls === 1 ? '' : 's'}, newest first. Click a call to open it.
            </p>
            {/* Entries open their call: the player and tabs of the call behind the drawer are not what they point at. */}
            <TimelineGroups groups={groups} openCallId={null} highlightCallId={openId} startCollapsed onOpen={(action) => openEntry(action)} />
          </>
        )}
      </div>
    </aside>
  );
}
