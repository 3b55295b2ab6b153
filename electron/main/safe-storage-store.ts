import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CredentialStore, TwilioCredentials } from '../core/library/twilio/credentials.js';
import type { OpenAiKeyStore } from '../core/transcription/openai-key.js';

const Stored = z.object({ accountSid: z.string(), username: z.string(), password: z.string(), kind: z.enum(['auth-token', 'api-key']) });

/** Why safeStorage cannot keep `what` safely (no keychain, or Linux's plain-text fallback), or null. */
function keychainProblem(what: string, envHint: string): string | null {
  if (!safeStorage.isEncryptionAvailable()) return `The system keychain is not available, so CallReview cannot store ${what} safely.`;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return `No secret store (GNOME Keyring or KWallet) is running, so Electron would keep ${what} in plain text; CallReview refuses to store it. Start a keyring, or run the CLI with ${envHint}.`;
  }
  return null;
}

/** Writes an encrypted blob atomically, readable by the owner only. */
function writeSecret(file: string, plain: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, safeStorage.encryptString(plain), { mode: 0o600 });
  renameSync(tmp, file);
}

/** The OpenAI API key encrypted with the OS keychain via safeStorage; never written in plain text. */
export function safeStorageOpenAiKeyStore(dataDir: string): OpenAiKeyStore {
  const file = join(dataDir, 'openai-key.bin');
  const problem = (): string | null => keychainProblem('the OpenAI key', 'OPENAI_API_KEY');
  return {
    origin: 'safeStorage',
    storeProblem: problem,
    // The environment still wins when set, so a one-off run can use another key without touching the keychain.
    load: () => process.env.OPENAI_API_KEY?.trim() || (existsSync(file) && !problem() ? safeStorage.decryptString(readFileSync(file)) : null),
    save(key) {
      const why = problem();
      if (why) throw new Error(why);
      writeSecret(file, key);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

/** Twilio credentials encrypted with the OS keychain via safeStorage; never written in plain text. */
export function safeStorageCredentialStore(dataDir: string): CredentialStore {
  const file = join(dataDir, 'twilio-credentials.bin');
  const problem = (): string | null => keychainProblem('the Twilio token', 'TWILIO_* variables');
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
      writeSecret(file, JSON.stringify(creds));
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
