/**
 * OpenAI's rules for `response_format: { type: 'json_schema', json_schema: { strict: true } }`
 * (the Structured Outputs guide's "supported schemas"), checked the way the real API does before
 * it answers: the first problem becomes a 400 "Invalid schema for response_format '<name>': In
 * context=(…), …". The app's schema is tested against these rules, so a schema the real API would
 * refuse fails here first.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keywords strict mode accepts; anything else (minLength, maxLength, oneOf, allOf, not, if, patternProperties, …) is refused. */
const ALLOWED = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', '$ref', '$defs', 'definitions',
  'description', 'title', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
]);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
/** The documented limits. */
export const STRICT_LIMITS = { maxDepth: 10, maxProperties: 5000, maxEnumValues: 1000 };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

class Problem extends Error {}

function context(path: readonly string[]): string {
  return `(${path.map((p) => `'${p}'`).join(', ')}${path.length === 1 ? ',' : ''})`;
}

interface Counts {
  properties: number;
  enumValues: number;
}

function check(s: Json, path: string[], depth: number, counts: Counts): void {
  const fail = (msg: string): never => {
    throw new Problem(`In context=${context(path)}, ${msg}`);
  };
  if (!isObject(s)) return fail('schema must be a JSON Schema of \'type: "object"\', got \'type: "None"\'.');
  for (const key of Object.keys(s)) if (!ALLOWED.has(key)) fail(`'${key}' is not permitted.`);
  if (depth > STRICT_LIMITS.maxDepth) fail(`the schema is nested more than ${STRICT_LIMITS.maxDepth} levels deep.`);
  if (typeof s.$ref === 'string') return;
  if (Array.isArray(s.anyOf)) {
    s.anyOf.forEach((x, i) => check(x, [...path, 'anyOf', String(i)], depth, counts));
    return;
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (s.enum === undefined && s.const === undefined && (s.type === undefined || types.some((t) => typeof t !== 'string' || !TYPES.has(t)))) fail(`schema must have a 'type' key.`);
  if (Array.isArray(s.enum)) counts.enumValues += s.enum.length;
  if (typeof s.format === 'string' && !FORMATS.has(s.format)) fail(`'${s.format}' is not a supported format.`);
  for (const defs of ['$defs', 'definitions'] as const) {
    const d = s[defs];
    if (isObject(d)) for (const [k, x] of Object.entries(d)) check(x, [...path, defs, k], depth, counts);
  }
  if (types.includes('object')) {
    const props = isObject(s.properties) ? s.properties : {};
    if (s.additionalProperties !== false) fail(`'additionalProperties' is required to be supplied and to be false.`);
    const required = Array.isArray(s.required) ? s.required : null;
    const missing = Object.keys(props).filter((k) => !required?.includes(k));
    if (required === null || missing.length > 0) return fail(`'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0] ?? ''}'.`);
    const extra = required.find((k) => typeof k !== 'string' || !(k in props));
    if (extra !== undefined) fail(`'required' names '${String(extra)}', which is not in properties.`);
    counts.properties += Object.keys(props).length;
    for (const [k, x] of Object.entries(props)) check(x, [...path, 'properties', k], depth + 1, counts);
  }
  if (types.includes('array')) {
    if (s.items === undefined) fail(`array schema missing items.`);
    check(s.items ?? null, [...path, 'items'], depth + 1, counts);
  }
}

/** The first reason strict mode refuses a schema, in the API's words (without the "Invalid schema…" prefix), or null. */
export function strictSchemaProblem(schema: unknown): string | null {
  const s = schema as Json;
  if (!isObject(s) || s.type !== 'object' || 'anyOf' in s) return "In context=(), the root schema must have 'type: \"object\"' and must not use 'anyOf'.";
  const counts: Counts = { properties: 0, enumValues: 0 };
  try {
    check(s, [], 1, counts);
  } catch (err) {
    if (err instanceof Problem) return err.message;
    throw err;
  }
  if (counts.properties > STRICT_LIMITS.maxProperties) return `In context=(), the schema has ${counts.properties} object properties; at most ${STRICT_LIMITS.maxProperties} are allowed.`;
  if (counts.enumValues > STRICT_LIMITS.maxEnumValues) return `In context=(), the schema has ${counts.enumValues} enum values; at most ${STRICT_LIMITS.maxEnumValues} are allowed.`;
  return null;
}
