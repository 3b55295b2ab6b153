/** What a key press asks the player to do. */
export type PlayerAction =
  | { type: 'toggle' }
  | { type: 'pause' }
  | { type: 'seekBy'; seconds: number }
  /** L: play, and each further press while playing, faster. */
  | { type: 'forward' }
  /** J: slower while playing fast, else back 10 seconds. */
  | { type: 'back' }
  | { type: 'speed'; dir: 1 | -1 }
  | { type: 'zoom'; dir: 1 | -1 }
  | { type: 'help' }
  | { type: 'escape' }
  /** C: add a comment at the playhead (or on the loop region). */
  | { type: 'comment' };

/** The keyboard shortcuts, as the overlay lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ['Space'], what: 'Play / pause' },
  { keys: ['←', '→'], what: 'Back / forward 5 seconds' },
  { keys: ['J'], what: 'Back 10 seconds (slower, while playing fast)' },
  { keys: ['K'], what: 'Pause' },
  { keys: ['L'], what: 'Play; press again to play faster' },
  { keys: ['[', ']'], what: 'Slower / faster' },
  { keys: ['+', '−'], what: 'Zoom in / out (or the mouse wheel over the waveform)' },
  { keys: ['C'], what: 'Comment at the playhead (or on the loop region)' },
  { keys: ['?'], what: 'Show / hide this list' },
  { keys: ['Esc'], what: 'Close this list' },
];

/** The parts of a keyboard event the mapping looks at. */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const KEYS: Record<string, PlayerAction> = {
  ' ': { type: 'toggle' },
  ArrowLeft: { type: 'seekBy', seconds: -5 },
  ArrowRight: { type: 'seekBy', seconds: 5 },
  j: { type: 'back' },
  k: { type: 'pause' },
  l: { type: 'forward' },
  '[': { type: 'speed', dir: -1 },
  ']': { type: 'speed', dir: 1 },
  '+': { type: 'zoom', dir: 1 },
  '=': { type: 'zoom', dir: 1 },
  '-': { type: 'zoom', dir: -1 },
  _: { type: 'zoom', dir: -1 },
  '?': { type: 'help' },
  c: { type: 'comment' },
  Escape: { type: 'escape' },
};

/** Maps a key press to a player action; presses with Ctrl, ⌘ or Alt are the browser's and the OS's. */
export function keyAction(e: KeyInput): PlayerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return KEYS[key] ?? null;
}

/** Minimal shape of an event target for the focus check (an Element in the browser). */
interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
  matches?: (selector: string) => boolean;
  getAttribute?: (name: string) => string | null;
}

const CONTROL_ROLES = new Set(['button', 'link', 'checkbox', 'switch', 'tab', 'menuitem', 'option', 'row']);

function isControl(target: TargetLike, tag: string): boolean {
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return true;
  const role = target.getAttribute?.('role');
  return role !== null && role !== undefined && CONTROL_ROLES.has(role);
}

function keyboardFocused(target: TargetLike): boolean {
  try {
    return target.matches?.(':focus-visible') === true;
  } catch {
    // An engine without :focus-visible: treat focus as the mouse's, as before.
    return false;
  }
}

/**
 * True when a key press belongs to what has focus rather than the player: text fields, selects,
 * a slider's arrows, and dialogs other than the shortcuts list (their buttons and Escape are theirs).
 */
export function belongsToFocus(target: TargetLike | null, key: string): boolean {
  if (target === null) return false;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true) return true;
  // Space on a control reached with the keyboard activates it; after a mouse click it plays/pauses, so
  // the last button clicked is not pressed again by accident.
  if (key === ' ' && isControl(target, tag) && keyboardFocused(target)) return true;
  if (tag === 'INPUT') {
    // Sliders and checkboxes take no text: only a slider's arrows are its own, so Space still plays.
    const type = (target as { type?: string }).type ?? 'text';
    // Arrows move a slider, and move between the radio buttons of a group (a scorecard's answers).
    if (type === 'range' || type === 'radio') return key.startsWith('Arrow');
    return !['checkbox', 'radio', 'button'].includes(type);
  }
  return typeof target.closest === 'function' && target.closest('[role="dialog"]:not([data-shortcuts]), [role="alertdialog"]') !== null;
}
