import OpenAI from 'openai';
import type { RawAnswer } from './llm-answer.js';

/** One chat completion with a strict JSON schema. */
export interface ChatRequest {
  model: string;
  system: string;
  user: string;
  schemaName: string;
  schema: Record<string, unknown>;
}

/** The model's message and what the request cost. */
export interface ChatAnswer extends RawAnswer {
  promptTokens: number;
  completionTokens: number;
}

/** Asks the model; the job talks to this, tests to the fake OpenAI behind it. */
export interface Analyzer {
  complete(req: ChatRequest, signal: AbortSignal): Promise<ChatAnswer>;
}

/** How to reach OpenAI. */
export interface AnalyzerConfig {
  apiKey: string;
  /** OPENAI_BASE_URL or the SDK's default. */
  baseURL?: string;
  fetch?: typeof fetch;
  /** Per request; a long part with a reasoning model takes minutes. */
  timeoutMs?: number;
}

/** Chat completions over the official SDK; retries stay at one, because the job queue owns scheduling. */
export function openAiAnalyzer(cfg: AnalyzerConfig): Analyzer {
  const client = new OpenAI({
    apiKey: cfg.apiKey,
    baseURL: cfg.baseURL ?? null,
    fetch: cfg.fetch,
    maxRetries: 1,
    timeout: cfg.timeoutMs ?? 5 * 60_000,
  });
  return {
    async complete(req, signal) {
      // No temperature: reasoning models refuse any but their default, and strict mode keeps the shape anyway.
      const res = await client.chat.completions.create(
        {
          model: req.model,
          messages: [
            { role: 'system', content: req.system },
            { role: 'user', content: req.user },
          ],
          response_format: { type: 'json_schema', json_schema: { name: req.schemaName, strict: true, schema: req.schema } },
        },
        { signal },
      );
      const choice = res.choices[0];
      return {
        content: choice?.message.content ?? null,
        refusal: choice?.message.refusal ?? null,
        finishReason: choice?.finish_reason ?? 'stop',
        promptTokens: res.usage?.prompt_tokens ?? 0,
        completionTokens: res.usage?.completion_tokens ?? 0,
      };
    },
  };
}
