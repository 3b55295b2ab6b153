import type { Migration } from '../migrate.js';
import { m0010Initial } from './0010-initial.js';

/** Every migration in order. Append only: never edit or reorder a shipped step. */
export const migrations: readonly Migration[] = [m0010Initial];
