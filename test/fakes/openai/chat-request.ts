/**
 * The chat completion request: JSON, validated with ajv against the spec's own
 * CreateChatCompletionRequest (test/fixtures/openai; no argument the spec does not name), then the
 * rules the real API adds: a model it knows, no streaming (the fake makes no server-sent events),
 * a json_schema name of the allowed characters, and with `strict: true` a schema that Structured
 * Outputs accepts.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { badRequest, errorReply, modelNotFound, type FakeReply } from './reply.js';
import { openaiSpecExcerpt, type Json } from './schemas.js';
import { strictSchemaProblem } from './strict-schema.js';

/** One message as sent (content as text; parts are joined). */
export interface ChatMessage {
  role: string;
  content: string;
}

/** A validated chat request: what the fake reads of it. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** 'text' when not given. */
  responseFormat: 'text' | 'json_object' | 'json_schema';
  schemaName: string | null;
  schema: Record<string, unknown> | null;
  strict: boolean;
  /** The whole body as parsed. */
  body: Record<string, unknown>;
}

/** What parseChat returns: the request, or the error answer to give. */
export type ParsedChat = { ok: true; request: ChatRequest } | { ok: false; reply: FakeReply; body: Record<string, unknown> | null };

type JsonObject = { [key: string]: Json };
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The spec is OpenAPI 3.1 with a few 3.0 leftovers: `nullable` becomes anyOf null, and `discriminator` goes (the oneOf's role enums already tell messages apart). */
function fromOpenApi(v: Json): Json {
  if (Array.isArray(v)) return v.map(fromOpenApi);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'discriminator' && k !== 'nullable') out[k] = fromOpenApi(x);
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', '#/$defs/');
  return v.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

let compiled: { validate: ValidateFunction; models: Set<string> } | null = null;

/** Compiles the request validator once; `unevaluatedProperties: false` sees through the spec's allOf, so an unknown argument fails. */
function validator(): { validate: ValidateFunction; models: Set<string> } {
  if (compiled) return compiled;
  const schemas = (openaiSpecExcerpt().components as JsonObject).schemas as JsonObject;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
  addFormats(ajv);
  for (const name of ['double', 'float']) ajv.addFormat(name, { type: 'number', validate: (x: number) => Number.isFinite(x) });
  ajv.addFormat('unixtime', { type: 'number', validate: (x: number) => Number.isInteger(x) && x >= 0 });
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: 'openai-chat', $defs: fromOpenApi(schemas) });
  const validate = ajv.compile({ type: 'object', $ref: 'openai-chat#/$defs/CreateChatCompletionRequest', unevaluatedProperties: false });
  const ids = schemas.ModelIdsShared;
  const named = isObject(ids) && Array.isArray(ids.anyOf) ? ids.anyOf.flatMap((s) => (isObject(s) && Array.isArray(s.enum) ? s.enum : [])) : [];
  compiled = { validate, models: new Set(named.filter((m): m is string => typeof m === 'string')) };
  return compiled;
}

/** The chat models the spec names (the fake knows no others). */
export function chatModels(): ReadonlySet<string> {
  return validator().models;
}

/** The first ajv error as the API's 400. */
function schemaReply(validate: ValidateFunction): FakeReply {
  const errors = validate.errors ?? [];
  const extra = errors.find((e) => e.keyword === 'unevaluatedProperties' && e.instancePath === '');
  if (extra) return badRequest(`Unrecognized request argument supplied: ${String((extra.params as { unevaluatedProperty?: unknown }).unevaluatedProperty)}`);
  const missing = errors.find((e) => e.keyword === 'required' && e.instancePath === '');
  if (missing) {
    const name = String((missing.params as { missingProperty?: unknown }).missingProperty);
    return badRequest(`Missing required parameter: '${name}'.`, name, 'missing_required_parameter');
  }
  const first = errors[0];
  const param = first ? first.instancePath.replace(/^\//, '').split('/').map((p, i) => (i > 0 && /^\d+$/.test(p) ? `[${p}]` : i > 0 ? `.${p}` : p)).join('') : '';
  return badRequest(`Invalid value for '${param || 'body'}': ${first?.message ?? 'invalid'}.`, param || null, 'invalid_value');
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : '')).join('');
  return '';
}

/** Parses and validates a chat completion request body. */
export function parseChat(body: Buffer, contentType: string | undefined): ParsedChat {
  if (!/^application\/json\b/i.test(contentType ?? '')) return { ok: false, body: null, reply: badRequest(`Invalid Content-Type header (${contentType ?? 'none'}), expected application/json.`) };
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, body: null, reply: badRequest('We could not parse the JSON body of your request. (HINT: This likely means you aren\u2019t using your HTTP library correctly.)') };
  }
  if (!isObject(json)) return { ok: false, body: null, reply: badRequest('The request body must be a JSON object.') };
  const { validate, models } = validator();
  if (!validate(json)) return { ok: false, body: json, reply: schemaReply(validate) };
  const model = json.model as string;
  if (!models.has(model)) return { ok: false, body: json, reply: modelNotFound(model) };
  if (json.stream === true) return { ok: false, body: json, reply: badRequest('The fake OpenAI API does not stream chat completions; send stream=false.', 'stream', 'unsupported_value') };
  const rf = isObject(json.response_format) ? json.response_format : { type: 'text' };
  const format = rf.type as ChatRequest['responseFormat'];
  let schemaName: string | null = null;
  let schema: Record<string, unknown> | null = null;
  let strict = false;
  if (format === 'json_schema' && isObject(rf.json_schema)) {
    schemaName = String(rf.json_schema.name);
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(schemaName)) {
      return { ok: false, body: json, reply: badRequest(`Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, 'response_format.json_schema.name', 'invalid_value') };
    }
    schema = isObject(rf.json_schema.schema) ? rf.json_schema.schema : null;
    strict = rf.json_schema.strict === true;
    const problem = strict ? strictSchemaProblem(schema ?? {}) : null;
    if (problem) return { ok: false, body: json, reply: errorReply(400, `Invalid schema for response_format '${schemaName}': ${problem}`, 'invalid_request_error', 'response_format', 'invalid_json_schema') };
  }
  const messages = (json.messages as Json[]).map((m) => (isObject(m) ? { role: String(m.role), content: textOf(m.content) } : { role: '', content: '' }));
  return { ok: true, request: { model, messages, responseFormat: format, schemaName, schema, strict, body: json } };
}
