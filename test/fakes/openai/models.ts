/**
 * GET /v1/models and /v1/models/{id}: the transcription models the fake serves, as the spec's
 * `Model` objects, so a "Test connection" button can call client.models.list().
 */
import { jsonReply, modelNotFound, type FakeReply } from './reply.js';
import { MODEL_FORMATS } from './request.js';

/** Release dates (unix seconds) and owners close to the real ones; fixed so answers repeat. */
const CREATED: Record<string, [number, string]> = {
  'whisper-1': [1677532384, 'openai-internal'],
  'gpt-4o-transcribe': [1742068463, 'system'],
  'gpt-4o-mini-transcribe': [1742068596, 'system'],
  'gpt-4o-mini-transcribe-2025-12-15': [1765756800, 'system'],
  'gpt-transcribe': [1767225600, 'system'],
  'gpt-4o-transcribe-diarize': [1750798887, 'system'],
};

function model(id: string): Record<string, unknown> {
  const [created, owned] = CREATED[id] ?? [1700000000, 'system'];
  return { id, object: 'model', created, owned_by: owned };
}

/** The model list. */
export function listModels(): FakeReply {
  return jsonReply(200, { object: 'list', data: Object.keys(MODEL_FORMATS).map(model) });
}

/** One model, or 404 model_not_found. */
export function retrieveModel(id: string): FakeReply {
  return id in MODEL_FORMATS ? jsonReply(200, model(id)) : modelNotFound(id);
}
