/**
 * Every form of the reviewer's query language on the fixture library, with the exact hits each
 * finds (newest first: the Twilio call of May 5, Q4 of Apr 21, F7 of Mar 11, A1 of Mar 2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { find, searchLib, TW_LINES, type SearchLib } from './search-fixture.js';

const A1_CALLER = 'Refund order 48213 please, it went to Zürich.';
const A1_BOT = "Sorry, I can't refund that order, but I can offer";
const A1_PERSON = 'No, get me a person.';
const F7_PHONE = 'Phone 415 555 0132. Email jane.doe@example.com.';
const F7_UPDATED = 'Updated.';
const F7_CARD = 'Card 4111 1111 1111 1111.';
const Q4 = ['Can I book a cleaning Tuesday?', 'Nine works. Shall I book it?', 'Yes, thanks.', 'Booked. Goodbye.'] as const;
const [TW_HELLO, TW_REFUND, TW_PERSON] = TW_LINES;

let lib: SearchLib;
beforeAll(async () => {
  lib = await searchLib();
});
afterAll(() => lib.close());

const seg = (call: 'TW' | 'Q4' | 'F7' | 'A1', text: string) => [call, 'segment', text];

describe('query forms', () => {
  it('words: every word must match, in any order, case-insensitively', () => {
    expect(find(lib, 'refund order')).toEqual([seg('A1', A1_CALLER), seg('A1', A1_BOT)]);
    expect(find(lib, 'ORDER Refund')).toEqual([seg('A1', A1_CALLER), seg('A1', A1_BOT)]);
    expect(find(lib, 'refund')).toEqual([seg('TW', TW_REFUND), seg('A1', A1_CALLER), seg('A1', A1_BOT)]);
    expect(find(lib, 'refund person')).toEqual([]);
  });

  it('"exact phrases", and a quote left open runs to the end', () => {
    expect(find(lib, '"refund order"')).toEqual([seg('A1', A1_CALLER)]);
    expect(find(lib, '"order refund"')).toEqual([]);
    expect(find(lib, '"get me a')).toEqual([seg('A1', A1_PERSON)]);
    expect(find(lib, 'jane.doe@example.com')).toEqual([seg('F7', F7_PHONE)]);
  });

  it('prefix*', () => {
    expect(find(lib, 'book*')).toEqual([seg('Q4', Q4[0]), seg('Q4', Q4[1]), seg('Q4', Q4[3])]);
    expect(find(lib, '"shall i bo*"')).toEqual([seg('Q4', Q4[1])]);
  });

  it('OR between terms, AND with the rest', () => {
    expect(find(lib, 'cleaning OR person')).toEqual([seg('TW', TW_PERSON), seg('Q4', Q4[0]), seg('A1', A1_PERSON)]);
    expect(find(lib, 'cleaning OR person today')).toEqual([seg('TW', TW_PERSON)]);
    // Lower-case "or" is a word.
    expect(find(lib, 'cleaning or person')).toEqual([]);
  });

  it('-exclude and NOT', () => {
    expect(find(lib, 'refund -order')).toEqual([seg('TW', TW_REFUND)]);
    expect(find(lib, 'refund NOT order')).toEqual([seg('TW', TW_REFUND)]);
    expect(find(lib, 'refund -"that order"')).toEqual([seg('TW', TW_REFUND), seg('A1', A1_CALLER)]);
    expect(find(lib, 'refund -*4821*')).toEqual([seg('TW', TW_REFUND), seg('A1', A1_BOT)]);
    // Only exclusions: every other line, newest first.
    expect(find(lib, '-book* -refund -person -thanks -hello -updated -card')).toEqual([seg('F7', F7_PHONE)]);
  });

  it('speaker:caller|agent (agent covers bots), and speaker:bot', () => {
    expect(find(lib, 'speaker:caller refund')).toEqual([seg('TW', TW_REFUND), seg('A1', A1_CALLER)]);
    expect(find(lib, 'speaker:agent person')).toEqual([seg('TW', TW_PERSON)]);
    expect(find(lib, 'speaker:agent order')).toEqual([seg('A1', A1_BOT)]);
    expect(find(lib, 'speaker:bot refund')).toEqual([seg('A1', A1_BOT)]);
    expect(find(lib, 'speaker:caller|agent refund')).toEqual([seg('TW', TW_REFUND), seg('A1', A1_CALLER), seg('A1', A1_BOT)]);
    expect(find(lib, '-speaker:caller refund')).toEqual([seg('A1', A1_BOT)]);
  });

  it('from: and to: dates (whole days, months, years; to: inclusive)', () => {
    expect(find(lib, 'from:2026-03-10 to:2026-03-31 card')).toEqual([seg('F7', F7_CARD)]);
    expect(find(lib, 'to:2026-03 refund')).toEqual([seg('A1', A1_CALLER), seg('A1', A1_BOT)]);
    expect(find(lib, 'from:2026-03-03 refund')).toEqual([seg('TW', TW_REFUND)]);
    expect(find(lib, 'from:2026-03-02 to:2026-03-02 person')).toEqual([seg('A1', A1_PERSON)]);
    expect(find(lib, 'from:2027 refund')).toEqual([]);
    // Filters alone list the matching calls' lines, newest first.
    expect(find(lib, 'from:2026-04-01')).toEqual([...TW_LINES.map((t) => seg('TW', t)), ...Q4.map((t) => seg('Q4', t))]);
    // Days are the reviewer's: A1 started at 09:15 UTC on Mar 2, which is 23:15 on Mar 1 at UTC−10.
    expect(find(lib, 'from:2026-03-02 person', { utcOffsetMin: -10 * 60 })).toEqual([seg('TW', TW_PERSON)]);
    expect(find(lib, 'to:2026-03-01 person', { utcOffsetMin: -10 * 60 })).toEqual([seg('A1', A1_PERSON)]);
    expect(find(lib, 'to:2026-03-01 person')).toEqual([]);
  });

  it('source:twilio|folder and dir:inbound|outbound', () => {
    expect(find(lib, 'source:twilio')).toEqual(TW_LINES.map((t) => seg('TW', t)));
    expect(find(lib, 'source:folder refund')).toEqual([seg('A1', A1_CALLER), seg('A1', A1_BOT)]);
    expect(find(lib, 'source:twilio|folder person')).toEqual([seg('TW', TW_PERSON), seg('A1', A1_PERSON)]);
    expect(find(lib, 'dir:outbound person')).toEqual([seg('TW', TW_PERSON)]);
    // Recorder calls have no direction: neither inbound nor outbound.
    expect(find(lib, 'dir:inbound person')).toEqual([]);
    expect(find(lib, '-dir:outbound person')).toEqual([seg('A1', A1_PERSON)]);
  });

  it('dur: with >, <, >=, <=, = and s/m/h units', () => {
    expect(find(lib, 'dur:>5m person')).toEqual([seg('TW', TW_PERSON)]);
    expect(find(lib, 'dur:<10s')).toEqual([...Q4.map((t) => seg('Q4', t)), seg('A1', A1_CALLER), seg('A1', A1_BOT), seg('A1', A1_PERSON)]);
    expect(find(lib, 'dur:>10s dur:<1m')).toEqual([seg('F7', F7_PHONE), seg('F7', F7_UPDATED), seg('F7', F7_CARD)]);
    expect(find(lib, 'dur:>=6m40s person')).toEqual([seg('TW', TW_PERSON)]);
    expect(find(lib, 'dur:>6m41s person')).toEqual([]);
    expect(find(lib, 'dur:=400 person')).toEqual([seg('TW', TW_PERSON)]);
    expect(find(lib, 'duration:<=0.1h person')).toEqual([seg('A1', A1_PERSON)]);
  });

  it('*substring* in the trigram index: digits and partial names, diacritics folded', () => {
    expect(find(lib, '*213*')).toEqual([seg('A1', A1_CALLER)]);
    expect(find(lib, '*4821')).toEqual([seg('A1', A1_CALLER)]);
    expect(find(lib, '*0132*')).toEqual([seg('F7', F7_PHONE)]);
    expect(find(lib, '*1111*')).toEqual([seg('F7', F7_CARD)]);
    expect(find(lib, '*uric*')).toEqual([seg('A1', A1_CALLER)]);
    expect(find(lib, '*RENE*')).toEqual([seg('TW', TW_HELLO)]);
    expect(find(lib, '*77120* billing')).toEqual([seg('TW', TW_HELLO)]);
    expect(find(lib, '*213* OR cleaning')).toEqual([seg('Q4', Q4[0]), seg('A1', A1_CALLER)]);
    // A word search does not find parts of words; the substring form does.
    expect(find(lib, '213')).toEqual([]);
  });

  it('diacritics and case are folded both ways', () => {
    for (const q of ['zurich', 'Zürich', 'ZURICH', 'zürich']) expect(find(lib, q), q).toEqual([seg('A1', A1_CALLER)]);
    expect(find(lib, 'renee')).toEqual([seg('TW', TW_HELLO)]);
  });

  it('what is not understood is searched as plain text and echoed', () => {
    const r = lib.search.search({ query: 'email:jane speaker:nobody OR dur:>soon', order: 'newest' });
    expect(r.parsed.plainTerms).toEqual(['email:jane', 'speaker:nobody', 'dur:>soon']);
    expect(r.groups).toEqual([]);
    expect(find(lib, 'email:jane')).toEqual([seg('F7', F7_PHONE)]);
    expect(lib.search.search({ query: 'OR refund OR', order: 'newest' }).parsed).toMatchObject({ ignored: ['OR', 'OR'], clauses: [[{ kind: 'word', text: 'refund' }]] });
    expect(find(lib, 'OR refund OR -')).toEqual([seg('TW', TW_REFUND), seg('A1', A1_CALLER), seg('A1', A1_BOT)]);
    expect(find(lib, 'ref\u0000und\tperson')).toEqual([]);
    expect(find(lib, 'ref\u0000und')).toEqual([seg('TW', TW_REFUND), seg('A1', A1_CALLER), seg('A1', A1_BOT)]);
    expect(find(lib, '(cleaning OR person) today')).toEqual([seg('TW', TW_PERSON)]);
    expect(find(lib, 'NEAR(refund order) text:refund ^order')).toEqual([]);
    expect(find(lib, '   ')).toEqual([]);
  });
});
