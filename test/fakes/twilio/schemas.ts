/**
 * Validators for the fake's JSON, built from the spec excerpt in test/fixtures/twilio. The
 * spec lists no required fields and allows extra ones; here every listed field is required
 * and no other is allowed, so a missing, extra or mistyped field fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** The schemas the fixture holds, by the spec's names. */
export type TwilioSchemaName = 'api.v2010.account' | 'api.v2010.account.call' | 'api.v2010.account.recording' | 'ListRecordingResponse' | 'twilio_error';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const FILE = fileURLToPath(new URL('../../fixtures/twilio/twilio-schemas.json', import.meta.url));
const RFC_2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
/** The spec says `format: uri` for page links, but its own examples and the real API send paths. */
const RELATIVE_URI_FIELDS = new Set(['first_page_uri', 'next_page_uri', 'previous_page_uri', 'uri']);

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Makes an OpenAPI 3.0 schema strict for ajv: all properties required, none extra, relative page URIs. */
function tighten(v: Json, key = ''): Json {
  if (Array.isArray(v)) return v.map((x) => tighten(x));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'properties' && isObject(x) ? Object.fromEntries(Object.entries(x).map(([p, s]) => [p, tighten(s, p)])) : tighten(x, k);
  if (isObject(out.properties)) {
    out.required = Object.keys(out.properties);
    out.additionalProperties = false;
  }
  // ajv accepts `nullable` only beside `type`; without one (encryption_details) any value is allowed anyway.
  if (out.nullable !== undefined && out.type === undefined) delete out.nullable;
  if (out.format === 'uri' && RELATIVE_URI_FIELDS.has(key)) out.format = 'uri-reference';
  // `uri-map` is OpenAPI prose for "an object of relative URIs"; ajv formats apply to strings only.
  if (out.format === 'uri-map') {
    delete out.format;
    out.additionalProperties = { type: 'string', format: 'uri-reference' };
  }
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', '#/$defs/');
  return out;
}

/** Compiles a validator per schema name. */
export function twilioValidators(): Record<TwilioSchemaName, ValidateFunction> {
  const doc = JSON.parse(readFileSync(FILE, 'utf8')) as Json;
  const schemas = isObject(doc) && isObject(doc.components) ? tighten(doc.components.schemas ?? null) : null;
  if (!isObject(schemas)) throw new Error(`${FILE}: no components.schemas`);
  const ajv = new Ajv({ strict: true, allErrors: true });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object.
  const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
  addFormats(ajv);
  ajv.addFormat('date-time-rfc-2822', (s: string) => RFC_2822.test(s) && Number.isFinite(Date.parse(s)));
  ajv.addFormat('currency', /^[A-Z]{3}$/);
  // Strict ajv refuses OpenAPI's `components` wrapper, so the schemas become $defs of one document.
  ajv.addSchema({ $id: 'twilio', $defs: schemas });
  const get = (name: TwilioSchemaName): ValidateFunction => {
    const fn = ajv.getSchema(`twilio#/$defs/${name}`);
    if (!fn) throw new Error(`no schema ${name} in ${FILE}`);
    return fn;
  };
  return {
    'api.v2010.account': get('api.v2010.account'),
    'api.v2010.account.call': get('api.v2010.account.call'),
    'api.v2010.account.recording': get('api.v2010.account.recording'),
    ListRecordingResponse: get('ListRecordingResponse'),
    twilio_error: get('twilio_error'),
  };
}
