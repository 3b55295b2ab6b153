import { z } from 'zod';

/** What an OpenAI API key looks like: sk-… with no spaces; enough to catch a pasted wrong value. */
export const OpenAiKeyInput = z
  .string()
  .trim()
  .regex(/^sk-[A-Za-z0-9_-]{16,}$/, 'an OpenAI API key starts with sk- followed by letters, digits, - or _');

/** Where the OpenAI key lives: safeStorage under Electron, the environment (OPENAI_API_KEY) elsewhere. */
export interface OpenAiKeyStore {
  readonly origin: 'env' | 'safeStorage';
  load(): string | null;
  /** Null when storing is possible, else the reason it is refused. */
  storeProblem(): string | null;
  save(key: string): void;
  clear(): void;
}

/** A read-only store over OPENAI_API_KEY (CLI and browser mode). */
export function envOpenAiKeyStore(env: NodeJS.ProcessEnv = process.env): OpenAiKeyStore {
  return {
    origin: 'env',
    load: () => env.OPENAI_API_KEY?.trim() || null,
    storeProblem: () => 'In this mode the OpenAI key is read from the environment (OPENAI_API_KEY) and never stored.',
    save() {
      throw new Error('The OpenAI key cannot be stored in this mode; set OPENAI_API_KEY instead.');
    },
    clear() {
      throw new Error('The OpenAI key comes from OPENAI_API_KEY in this mode; unset it there.');
    },
  };
}

/** Reads OPENAI_BASE_URL (default: the SDK's own); only http(s) URLs are accepted. */
export function openAiBaseUrl(env: NodeJS.ProcessEnv = process.env): { url: string | null; error: string | null } {
  const raw = env.OPENAI_BASE_URL?.trim();
  if (!raw) return { url: null, error: null };
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return { url: null, error: `OPENAI_BASE_URL must be http(s): ${raw}` };
    return { url: raw.replace(/\/+$/, ''), error: null };
  } catch {
    return { url: null, error: `OPENAI_BASE_URL is not a URL: ${raw}` };
  }
}

/** Shows a key as sk-…abcd so the reviewer can tell which one is set without it being readable. */
export function maskKey(key: string): string {
  return `sk-…${key.slice(-4)}`;
}
