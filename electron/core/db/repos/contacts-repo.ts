import type { Party } from '../../../../shared/types.js';
import type { Db } from '../open.js';
import { cachedPrepare, type Prepare } from '../statement-cache.js';

/** Phone numbers and names, and who took part in which call. */
export class ContactsRepo {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = cachedPrepare(db);
  }

  /** Links a phone number to a call in a role (from, to), creating the contact if new. */
  setParty(callId: number, role: string, phone: string): void {
    this.sql(`INSERT INTO contacts (phone) VALUES (?) ON CONFLICT (phone) DO NOTHING`).run(phone);
    const contactId = this.sql(`SELECT id FROM contacts WHERE phone = ?`).pluck().get(phone) as number;
    this.sql(`INSERT INTO call_parties (call_id, contact_id, role) VALUES (?, ?, ?) ON CONFLICT (call_id, role) DO UPDATE SET contact_id = excluded.contact_id`).run(
      callId,
      contactId,
      role,
    );
  }

  /** The parties of a call. */
  forCall(callId: number): Party[] {
    return this.sql(
      `SELECT p.role, c.phone, c.name FROM call_parties p JOIN contacts c ON c.id = p.contact_id WHERE p.call_id = ? ORDER BY p.role`,
    ).all(callId) as Party[];
  }
}
