import { z } from 'zod';

const AccountSid = z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'an Account SID is AC followed by 32 hex digits');
const KeySid = z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'an API Key SID is SK followed by 32 hex digits');
const Secret = z.string().min(8, 'the secret looks too short').max(256);

/** What the user enters: Account SID + Auth Token, or Account SID + API Key SID + Secret. */
export const TwilioCredentialInput = z.union([
  z.object({ accountSid: AccountSid, authToken: Secret }).strict(),
  z.object({ accountSid: AccountSid, apiKeySid: KeySid, apiKeySecret: Secret }).strict(),
]);
export type TwilioCredentialInput = z.infer<typeof TwilioCredentialInput>;

/** Credentials ready for Basic auth: the username is the Account SID or the API Key SID. */
export interface TwilioCredentials {
  accountSid: string;
  username: string;
  password: string;
  kind: 'auth-token' | 'api-key';
}

/** Turns validated input into Basic-auth credentials. */
export function toCredentials(input: TwilioCredentialInput): TwilioCredentials {
  return 'authToken' in input
    ? { accountSid: input.accountSid, username: input.accountSid, password: input.authToken, kind: 'auth-token' }
    : { accountSid: input.accountSid, username: input.apiKeySid, password: input.apiKeySecret, kind: 'api-key' };
}

/** Reads TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN or TWILIO_API_KEY/TWILIO_API_SECRET; null when unset, an Error when malformed. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): TwilioCredentials | null | Error {
  const accountSid = env.TWILIO_ACCOUNT_SID;
  if (!accountSid) return null;
  const input = env.TWILIO_API_KEY
    ? { accountSid, apiKeySid: env.TWILIO_API_KEY, apiKeySecret: env.TWILIO_API_SECRET ?? '' }
    : { accountSid, authToken: env.TWILIO_AUTH_TOKEN ?? '' };
  const parsed = TwilioCredentialInput.safeParse(input);
  if (!parsed.success) {
    return new Error(`Twilio credentials in the environment are not usable: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return toCredentials(parsed.data);
}

/** Where the app keeps credentials: safeStorage under Electron, the environment elsewhere. */
export interface CredentialStore {
  /** 'env' or 'safeStorage'. */
  readonly origin: 'env' | 'safeStorage';
  load(): TwilioCredentials | null;
  /** Null when storing is possible, else the reason it is refused. */
  storeProblem(): string | null;
  save(creds: TwilioCredentials): void;
  clear(): void;
}

/** A read-only store over environment variables (CLI and browser mode). */
export function envCredentialStore(env: NodeJS.ProcessEnv = process.env): CredentialStore {
  return {
    origin: 'env',
    load() {
      const c = credentialsFromEnv(env);
      if (c instanceof Error) throw c;
      return c;
    },
    storeProblem: () => 'In CLI and browser mode, Twilio credentials come from TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN or TWILIO_API_KEY/TWILIO_API_SECRET; they are never stored.',
    save() {
      throw new Error('Credentials cannot be stored in this mode.');
    },
    clear() {},
  };
}

/** Masks a SID for logs and the UI: AC12…cdef. */
export function maskSid(sid: string): string {
  return sid.length > 10 ? `${sid.slice(0, 4)}…${sid.slice(-4)}` : sid;
}
