/**
 * The transcription request: the multipart body parsed for real (undici's Request.formData), its
 * fields validated with zod against what the spec's CreateTranscriptionRequest allows, then the
 * per-model rules the real API adds on top. The spec's enums are copied here; a test checks that
 * they still equal the ones in test/fixtures/openai/openai-schemas.json.
 */
import { z } from 'zod';
import { badRequest, errorReply, modelNotFound, tooLarge, type FakeReply } from './reply.js';

/** `AudioResponseFormat` in the spec. */
export const RESPONSE_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt', 'diarized_json'] as const;
/** `timestamp_granularities` items in the spec. */
export const TIMESTAMP_GRANULARITIES = ['word', 'segment'] as const;
/** `TranscriptionInclude` in the spec. */
export const INCLUDES = ['logprobs'] as const;
/** The models the spec names, with the response formats the real API lets each one use. */
export const MODEL_FORMATS: Record<string, readonly AudioResponseFormat[]> = {
  'whisper-1': ['json', 'text', 'srt', 'verbose_json', 'vtt'],
  'gpt-transcribe': ['json', 'text'],
  'gpt-4o-transcribe': ['json', 'text'],
  'gpt-4o-mini-transcribe': ['json', 'text'],
  'gpt-4o-mini-transcribe-2025-12-15': ['json', 'text'],
  'gpt-4o-transcribe-diarize': ['json', 'text', 'diarized_json'],
};
/** The diarizing model, which has its own rules. */
export const DIARIZE_MODEL = 'gpt-4o-transcribe-diarize';

/** One of the spec's response formats. */
export type AudioResponseFormat = (typeof RESPONSE_FORMATS)[number];

const numberText = z
  .string()
  .trim()
  .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, 'expected a number')
  .transform(Number);
const integerText = numberText.pipe(z.number().int());

/** `VadConfig`; form fields are text, so numbers arrive as strings. */
const vadConfig = z.strictObject({
  type: z.literal('server_vad'),
  prefix_padding_ms: integerText.optional(),
  silence_duration_ms: integerText.optional(),
  threshold: numberText.optional(),
});

/** The text fields of CreateTranscriptionRequest (the spec says additionalProperties: false, so strict). */
const fieldsSchema = z.strictObject({
  model: z.string().min(1),
  response_format: z.enum(RESPONSE_FORMATS).default('json'),
  // The API wants ISO-639-1 ("en"); the spec only says string.
  language: z.string().regex(/^[a-z]{2}$/, 'must be an ISO-639-1 code such as "en"').optional(),
  languages: z.array(z.string()).min(1).optional(),
  keywords: z.array(z.string()).optional(),
  prompt: z.string().optional(),
  // The API documents 0..1; the spec only says number.
  temperature: numberText.pipe(z.number().min(0).max(1)).default(0),
  include: z.array(z.enum(INCLUDES)).default([]),
  timestamp_granularities: z.array(z.enum(TIMESTAMP_GRANULARITIES)).optional(),
  stream: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
  chunking_strategy: z.union([z.literal('auto'), vadConfig]).optional(),
  known_speaker_names: z.array(z.string()).max(4).optional(),
  known_speaker_references: z.array(z.string()).max(4).optional(),
});

/** The spec's request properties besides `file`, for the consistency test. */
export const FIELD_NAMES = ['file', ...Object.keys(fieldsSchema.shape)];

/** A validated transcription request. */
export type TranscriptionFields = z.output<typeof fieldsSchema>;

/** The uploaded file as received. */
export interface Upload {
  name: string;
  type: string;
  bytes: Buffer;
}

/** What parseTranscription returns: the request, or the error answer to give. */
export type ParsedTranscription = { ok: true; fields: TranscriptionFields; file: Upload; raw: RawFields } | { ok: false; reply: FakeReply; raw: RawFields };

/** Text fields as received: repeated or `name[]` fields as arrays, `name[key]` fields as objects. */
export type RawFields = Record<string, string | string[] | Record<string, string>>;

const ARRAY_FIELDS = new Set(['languages', 'keywords', 'include', 'timestamp_granularities', 'known_speaker_names', 'known_speaker_references']);

/** Folds form entries into RawFields the way the SDK encodes them (`a[]` for arrays, `a[b]` for objects). */
function foldFields(form: FormData): { raw: RawFields; files: Map<string, File> } {
  const raw: RawFields = {};
  const files = new Map<string, File>();
  for (const [key, value] of form.entries()) {
    const m = /^([^[\]]+)(?:\[([^[\]]*)\])?$/.exec(key);
    const name = m?.[1] ?? key;
    if (typeof value !== 'string') {
      files.set(name, value);
      continue;
    }
    const sub = m?.[2];
    if (sub === undefined && !ARRAY_FIELDS.has(name)) raw[name] = value;
    else if (sub === undefined || sub === '') {
      const prev = raw[name];
      raw[name] = [...(Array.isArray(prev) ? prev : []), value];
    } else {
      const prev = raw[name];
      raw[name] = { ...(prev && typeof prev === 'object' && !Array.isArray(prev) ? prev : {}), [sub]: value };
    }
  }
  // curl users send chunking_strategy as a JSON string; it means the same object.
  const cs = raw.chunking_strategy;
  if (typeof cs === 'string' && cs.trim().startsWith('{')) {
    try {
      const parsed = JSON.parse(cs) as unknown;
      if (parsed && typeof parsed === 'object') raw.chunking_strategy = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      // left as the string: validation then names the field
    }
  }
  return { raw, files };
}

/** Turns the first zod issue into the API's 400, naming the parameter. */
function issueReply(error: z.ZodError): FakeReply {
  const issue = error.issues[0];
  if (!issue) return badRequest('Invalid request.');
  if (issue.code === 'unrecognized_keys') return badRequest(`Unrecognized request argument supplied: ${issue.keys.join(', ')}`);
  const param = issue.path.map(String).join('.') || null;
  if (issue.code === 'invalid_value' && 'values' in issue && issue.path.length <= 2) {
    const supported = issue.values.map((v) => `'${String(v)}'`).join(', ');
    return badRequest(`Invalid value for '${param ?? ''}'. Supported values are: ${supported}.`, param, 'invalid_value');
  }
  return badRequest(`Invalid '${param ?? 'request'}': ${issue.message}.`, param, issue.code === 'invalid_type' ? 'invalid_type' : 'invalid_value');
}

/** The real API's rules that the schema cannot say: which model allows which format and field. */
function modelRules(f: TranscriptionFields): FakeReply | null {
  const formats = MODEL_FORMATS[f.model];
  if (!formats) return modelNotFound(f.model);
  if (!formats.includes(f.response_format)) {
    const allowed = formats.map((x) => `'${x}'`).join(' or ');
    return badRequest(`response_format '${f.response_format}' is not compatible with model '${f.model}'. Use ${allowed} instead.`, 'response_format', 'unsupported_value');
  }
  if (f.timestamp_granularities && f.response_format !== 'verbose_json') {
    return badRequest('timestamp_granularities is only supported when response_format is verbose_json.', 'timestamp_granularities', 'unsupported_value');
  }
  if (f.include.length > 0 && (f.model === 'whisper-1' || f.model === DIARIZE_MODEL || f.response_format !== 'json')) {
    return badRequest(`include[] is not supported for model '${f.model}' with response_format '${f.response_format}'.`, 'include', 'unsupported_value');
  }
  const diarize = f.model === DIARIZE_MODEL;
  if (diarize && f.prompt !== undefined) return badRequest(`prompt is not supported for model '${DIARIZE_MODEL}'.`, 'prompt', 'unsupported_parameter');
  if (!diarize && (f.known_speaker_names || f.known_speaker_references)) {
    return badRequest(`known_speaker_names and known_speaker_references are only supported for model '${DIARIZE_MODEL}'.`, 'known_speaker_names', 'unsupported_parameter');
  }
  if ((f.known_speaker_names?.length ?? 0) !== (f.known_speaker_references?.length ?? 0)) {
    return badRequest('known_speaker_names and known_speaker_references must have the same length.', 'known_speaker_references', 'invalid_value');
  }
  // Streaming answers are server-sent events, which the fake does not make; whisper-1 ignores `stream` for real.
  if (f.stream && f.model !== 'whisper-1') return badRequest('The fake OpenAI API does not stream transcriptions; send stream=false.', 'stream', 'unsupported_value');
  return null;
}

/** Parses and validates a transcription upload; `maxFileBytes` is the 25 MB file limit. */
export async function parseTranscription(body: Buffer<ArrayBuffer>, contentType: string | undefined, maxFileBytes: number): Promise<ParsedTranscription> {
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(contentType ?? '')) {
    return { ok: false, raw: {}, reply: badRequest(`Invalid Content-Type header (${contentType ?? 'none'}), expected multipart/form-data.`) };
  }
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'Content-Type': contentType ?? '' } }).formData();
  } catch (err) {
    return { ok: false, raw: {}, reply: badRequest(`Could not parse multipart form: ${err instanceof Error ? err.message : String(err)}`) };
  }
  const { raw, files } = foldFields(form);
  const file = files.get('file');
  for (const name of files.keys()) if (name !== 'file') return { ok: false, raw, reply: badRequest(`Unrecognized file parameter supplied: ${name}`, name) };
  if (!file) return { ok: false, raw, reply: badRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter') };
  if (raw.model === undefined) return { ok: false, raw, reply: badRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter') };
  if (file.size > maxFileBytes) return { ok: false, raw, reply: tooLarge(maxFileBytes, file.size) };
  const parsed = fieldsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, raw, reply: issueReply(parsed.error) };
  const rule = modelRules(parsed.data);
  if (rule) return { ok: false, raw, reply: rule };
  const bytes = Buffer.from(await file.arrayBuffer());
  return { ok: true, fields: parsed.data, raw, file: { name: file.name, type: file.type, bytes } };
}

/** 400 when the audio is shorter than the API's minimum. */
export function tooShort(): FakeReply {
  return badRequest('Audio file is too short. Minimum audio length is 0.1 seconds.', 'file', 'audio_too_short');
}

/** 400 when the diarizing model gets over 30 s of audio without chunking_strategy. */
export function chunkingRequired(): FakeReply {
  return errorReply(400, `chunking_strategy is required for model '${DIARIZE_MODEL}' when the audio is longer than 30 seconds.`, 'invalid_request_error', 'chunking_strategy', 'missing_required_parameter');
}
