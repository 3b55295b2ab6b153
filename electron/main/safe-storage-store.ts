import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CredentialStore, TwilioCredentials } from '../core/library/twilio/credentials.js';

const Stored = z.object({ accountSid: z.string(), username: z.string(), password: z.string(), kind: z.enum(['auth-token', 'api-key']) });

/** Twilio credentials encrypted with the OS keychain via safeStorage; never written in plain text. */
export function safeStorageCredentialStore(dataDir: string): CredentialStore {
  const file = join(dataDir, 'twilio-credentials.bin');
  const problem = (): string | null => {
    if (!safeStorage.isEncryptionAvailable()) return 'The system keychain is not available, so CallReview cannot store Twilio credentials safely.';
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'No secret store (GNOME Keyring or KWallet) is running, so Electron would keep the token in plain text; CallReview refuses to store it. Start a keyring, or run the CLI with TWILIO_* variables.';
    }
    return null;
  };
  return {
    origin: 'safeStorage',
    storeProblem: problem,
    load(): TwilioCredentials | null {
      if (!existsSync(file) || problem()) return null;
      const parsed = Stored.safeParse(JSON.parse(safeStorage.decryptString(readFileSync(file))));
      return parsed.success ? parsed.data : null;
    },
    save(creds) {
      const why = problem();
      if (why) throw new Error(why);
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, safeStorage.encryptString(JSON.stringify(creds)), { mode: 0o600 });
      renameSync(tmp, file);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
