/**
 * Validators for the fake's JSON, built from the spec excerpt in test/fixtures/openai. The spec's
 * `required` lists are kept, but no property it does not list is allowed, so a missing, extra or
 * mistyped field fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** The schemas the fake's answers are checked against, by the spec's names. */
export type OpenAISchemaName =
  | 'CreateTranscriptionResponseJson'
  | 'CreateTranscriptionResponseVerboseJson'
  | 'CreateTranscriptionResponseDiarizedJson'
  | 'ErrorResponse'
  | 'ListModelsResponse'
  | 'Model'
  | 'CreateChatCompletionResponse';

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const FILE = fileURLToPath(new URL('../../fixtures/openai/openai-schemas.json', import.meta.url));

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Makes the spec's schemas strict for ajv: no unlisted properties, no OpenAPI-only keywords. */
function tighten(v: Json): Json {
  if (Array.isArray(v)) return v.map(tighten);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    // `discriminator` is OpenAPI's; the oneOf already tells the variants apart by their `type` enums.
    // `optional: true` is not a JSON Schema keyword at all (the spec's logprobs item has it).
    if (k === 'discriminator' || k === 'optional') continue;
    out[k] = k === 'properties' && isObject(x) ? Object.fromEntries(Object.entries(x).map(([p, s]) => [p, tighten(s)])) : tighten(x);
  }
  if (isObject(out.properties)) {
    // The spec's Model has properties but no type; strict ajv wants one beside them.
    out.type ??= 'object';
    out.additionalProperties ??= false;
  }
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', '#/$defs/');
  return out;
}

/** The fixture file as JSON (the consistency test reads its request schema). */
export function openaiSpecExcerpt(): JsonObject {
  const doc = JSON.parse(readFileSync(FILE, 'utf8')) as Json;
  if (!isObject(doc) || !isObject(doc.components) || !isObject(doc.components.schemas)) throw new Error(`${FILE}: no components.schemas`);
  return doc;
}

/** Compiles a validator per schema name. */
export function openaiValidators(): Record<OpenAISchemaName, ValidateFunction> {
  const doc = openaiSpecExcerpt();
  const schemas = tighten((doc.components as JsonObject).schemas ?? null);
  const ajv = new Ajv({ strict: true, allErrors: true });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object.
  const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
  addFormats(ajv);
  // OpenAPI's numeric formats say how a number is stored, not what it may be; any finite one fits.
  for (const name of ['double', 'float']) ajv.addFormat(name, { type: 'number', validate: (x: number) => Number.isFinite(x) });
  ajv.addFormat('unixtime', { type: 'number', validate: (x: number) => Number.isInteger(x) && x >= 0 });
  ajv.addFormat('binary', true);
  // Strict ajv refuses OpenAPI's `components` wrapper, so the schemas become $defs of one document.
  ajv.addSchema({ $id: 'openai', $defs: schemas });
  const get = (name: OpenAISchemaName): ValidateFunction => {
    const fn = ajv.getSchema(`openai#/$defs/${name}`);
    if (!fn) throw new Error(`no schema ${name} in ${FILE}`);
    return fn;
  };
  return {
    CreateTranscriptionResponseJson: get('CreateTranscriptionResponseJson'),
    CreateTranscriptionResponseVerboseJson: get('CreateTranscriptionResponseVerboseJson'),
    CreateTranscriptionResponseDiarizedJson: get('CreateTranscriptionResponseDiarizedJson'),
    ErrorResponse: get('ErrorResponse'),
    ListModelsResponse: get('ListModelsResponse'),
    Model: get('Model'),
    CreateChatCompletionResponse: get('CreateChatCompletionResponse'),
  };
}
