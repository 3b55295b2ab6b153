import type { Migration } from '../migrate.js';
import { m0010Initial } from './0010-initial.js';
import { m0020TwilioRecordings } from './0020-twilio-recordings.js';

/** Every migration in order. Append only: never edit or reorder a shipped step. */
export const migrations: readonly Migration[] = [m0010Initial, m0020TwilioRecordings];
