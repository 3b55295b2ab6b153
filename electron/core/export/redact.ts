/*
 * Redaction of personal data in exports. Pure: it returns changed copies and never touches the
 * library. What it finds, and the tag that replaces it:
 *
 * - [EMAIL] e-mail addresses (local@domain.tld, Unicode letters allowed).
 * - [CARD]  payment card numbers: 13–19 digits, written together or in groups separated by single
 *           spaces or dashes, and only when the Luhn check passes (a 16-digit order number that fails
 *           it stays).
 * - [ID]    national ids: US Social Security numbers (###-##-####, with the invalid areas 000, 666 and
 *           9xx and zero groups left alone); UK National Insurance numbers (AB 12 34 56 C, with or
 *           without spaces); French social security numbers (NIR: 15 digits whose last two are the
 *           97-complement key); German tax ids (Steuer-ID: 11 digits, together or as 2-3-3-3, with a
 *           valid ISO 7064 MOD 11,10 check digit).
 * - [PHONE] phone numbers: a leading + or 00 with 8–15 digits; an area code in parentheses; North
 *           American numbers (10 digits, or 11 starting with 1, area and exchange not starting with
 *           0 or 1) in any grouping such as "415 555 0132", "(415) 555-0132" or "415.555.0132";
 *           European national numbers with a trunk 0 and 9–12 digits ("030 1234567",
 *           "06 12 34 56 78"); and 7-digit local numbers written 3+4 ("555-0132").
 *
 * Digits are read as runs: groups joined by single spaces, dashes, dots or slashes (and a
 * parenthesised area code) form one run, so spoken-digit groups are judged as the whole number
 * they are, and a run is only replaced when all of it matches one of the patterns above. Numbers
 * spelled out in words ("four one five") are not recognised.
 */

/** The tags that stand in for what redaction removes. */
export const REDACTION_TAGS = { phone: '[PHONE]', email: '[EMAIL]', card: '[CARD]', id: '[ID]' } as const;
type Tag = (typeof REDACTION_TAGS)[keyof typeof REDACTION_TAGS];

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// First letters D, F, I, Q, U, V and second letters also O are never issued; neither are BG, GB, KN, NK, NT, TN, ZZ.
const UK_NI = /(?<![\p{L}\p{N}])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/gu;
/** A run of digit groups joined by single separators, optionally with a leading + and a parenthesised area code. */
const RUN = /(?<![\p{L}\p{N}_+])(?:\+ ?)?(?:\(\d{1,5}\) ?)?\d+(?:(?:[ \-./]| ?\(\d{1,5}\) ?)\d+)*(?![\p{L}\p{N}_])/gu;
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

/** True when a digit string passes the Luhn check (card numbers). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function validSsn(run: string): boolean {
  const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(run);
  if (!m) return false;
  const [area, group, serial] = [m[1]!, m[2]!, m[3]!];
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

function validNir(digits: string): boolean {
  if (digits.length !== 15 || (digits[0] !== '1' && digits[0] !== '2')) return false;
  return 97 - (Number(digits.slice(0, 13)) % 97) === Number(digits.slice(13));
}

function validSteuerId(digits: string): boolean {
  if (digits.length !== 11 || digits[0] === '0') return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (digits.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return (check === 10 ? 0 : check) === digits.charCodeAt(10) - 48;
}

function isPhone(run: string, digits: string): boolean {
  const n = digits.length;
  if (DATE.test(run)) return false;
  if (run.startsWith('+')) return n >= 8 && n <= 15;
  if (run.startsWith('(')) return n >= 7 && n <= 15;
  if (digits.startsWith('00')) return n >= 10 && n <= 15;
  if (/^[2-9]\d{2}[2-9]\d{6}$/.test(digits) || /^1[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return true;
  if (digits.startsWith('0')) return n >= 9 && n <= 12;
  return /^\d{3}[-. ]\d{4}$/.test(run);
}

/** The tag a whole digit run stands for, or null to leave it as it is. */
function classify(run: string): Tag | null {
  const digits = run.replace(/\D/g, '');
  const n = digits.length;
  if (validSsn(run)) return REDACTION_TAGS.id;
  if (/^[\d ]+$/.test(run) && validNir(digits)) return REDACTION_TAGS.id;
  if (/^(?:\d{11}|\d{2} \d{3} \d{3} \d{3})$/.test(run) && validSteuerId(digits)) return REDACTION_TAGS.id;
  if (n >= 13 && n <= 19 && /^\d+(?:[ -]\d+)*$/.test(run) && luhnValid(digits)) return REDACTION_TAGS.card;
  return isPhone(run, digits) ? REDACTION_TAGS.phone : null;
}

/** The text with phone numbers, e-mail addresses, card numbers and national ids replaced by tags. */
export function redactText(text: string): string {
  return text
    .replace(EMAIL, REDACTION_TAGS.email)
    .replace(UK_NI, REDACTION_TAGS.id)
    .replace(RUN, (run) => classify(run) ?? run);
}

/** A deep copy of a JSON-like value with every string redacted (numbers, booleans and nulls unchanged). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]: [string, unknown]) => [k, redactDeep(v)])) as T;
  }
  return value;
}
