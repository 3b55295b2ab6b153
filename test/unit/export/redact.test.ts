/** Redaction rules (electron/core/export/redact.ts): what is replaced by which tag, and what must stay. */
import { describe, expect, it } from 'vitest';
import { luhnValid, redactDeep, redactText } from '../../../electron/core/export/redact.js';

describe('redactText', () => {
  it.each([
    ['Phone 415 555 0132.', 'Phone [PHONE].'],
    ['call (415) 555-0132 today', 'call [PHONE] today'],
    ['415-555-0132', '[PHONE]'],
    ['415.555.0132', '[PHONE]'],
    ['4155550132', '[PHONE]'],
    ['1 415 555 0132', '[PHONE]'],
    ['+1 415 555 0132', '[PHONE]'],
    ['+44 20 7946 0958', '[PHONE]'],
    ['+49 (0)30 1234567', '[PHONE]'],
    ['0049 30 1234567', '[PHONE]'],
    ['030 1234567', '[PHONE]'],
    ['06 12 34 56 78', '[PHONE]'],
    ['020 7946 0958', '[PHONE]'],
    ['ring 555-0132', 'ring [PHONE]'],
  ])('phone %s', (input, expected) => expect(redactText(input)).toBe(expected));

  it.each([
    ['Email jane.doe@example.com.', 'Email [EMAIL].'],
    ['<j.o+tag@mail.example.co.uk>', '<[EMAIL]>'],
    ['jürgen@bücher.de', '[EMAIL]'],
  ])('e-mail %s', (input, expected) => expect(redactText(input)).toBe(expected));

  it.each([
    ['Card 4111 1111 1111 1111.', 'Card [CARD].'],
    ['4111-1111-1111-1111', '[CARD]'],
    ['4111111111111111', '[CARD]'],
    ['amex 3782 822463 10005', 'amex [CARD]'],
    ['13 digits 4222222222222', '13 digits [CARD]'],
  ])('card %s', (input, expected) => expect(redactText(input)).toBe(expected));

  it.each([
    ['SSN 123-45-6789', 'SSN [ID]'],
    ['NI AB 12 34 56 C', 'NI [ID]'],
    ['NI QQ123456C stays? no: QQ is invalid', 'NI QQ123456C stays? no: QQ is invalid'],
    ['NI JG103759A', 'NI [ID]'],
    ['NIR 2 55 08 14 168 025 38', 'NIR [ID]'],
    ['Steuer-ID 65929970489', 'Steuer-ID [ID]'],
  ])('national id %s', (input, expected) => expect(redactText(input)).toBe(expected));

  it.each([
    'Order 1234 5678 9012 3456 was late.',
    'order number 1234567890123456',
    'Refund order 48213 please, it went to Zürich.',
    'It costs 1 000 000 dollars.',
    'On 2026-03-11 at 14:42, version 4.1.2.',
    'Meet 10.03.2026 or 03/10/2026.',
    'SSN-like 666-12-3456 and 000-12-3456 are never issued',
    'Room 12, floor 3, 45 people',
    'gpt-4.1-mini run 2026-04-30T12:00:00.000Z',
  ])('leaves %s alone', (input) => expect(redactText(input)).toBe(input));

  it('checks cards with Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('1234567890123456')).toBe(false);
  });
});

describe('redactDeep', () => {
  it('redacts every string of nested data and leaves the original untouched', () => {
    const original = { a: 'mail jane.doe@example.com', n: 4155550132, list: [{ t: 'Card 4111 1111 1111 1111', ok: true, none: null }] };
    const copy = structuredClone(original);
    expect(redactDeep(original)).toEqual({ a: 'mail [EMAIL]', n: 4155550132, list: [{ t: 'Card [CARD]', ok: true, none: null }] });
    expect(original).toEqual(copy);
  });
});
