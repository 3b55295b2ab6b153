/** Export file names safe on Windows, macOS and Linux (electron/core/export/file-names.ts). */
import { describe, expect, it } from 'vitest';
import { callStem, MAX_STEM_BYTES, safeStem, startedPart, uniqueStems } from '../../../electron/core/export/file-names.js';

describe('safe file names', () => {
  it.each([
    ['a<b>c:d"e/f\\g|h?i*j', 'a_b_c_d_e_f_g_h_i_j'],
    ['tab\there\nnew', 'tab_here_new'],
    ['trailing dots and spaces. . ', 'trailing dots and spaces'],
    ['...hidden', 'hidden'],
    ['CON', '_CON'],
    ['nul.tar', '_nul.tar'],
    ['com1', '_com1'],
    ['LPT9 ', '_LPT9'],
    ['console', 'console'],
    ['semi;colon', 'semi_colon'],
    ['evil\u202Egnp.exe', 'evil_gnp.exe'],
    ['', 'call'],
    ['???', '___'],
    ['. .', 'call'],
    ['Zu\u0308rich', 'Zürich'],
  ])('%j → %j', (raw, expected) => expect(safeStem(raw)).toBe(expected));

  it('cuts long names to the byte limit without splitting a character', () => {
    const s = safeStem('Ω'.repeat(200));
    expect(Buffer.byteLength(s)).toBeLessThanOrEqual(MAX_STEM_BYTES);
    expect(s).toBe('Ω'.repeat(MAX_STEM_BYTES / 2));
  });

  it('starts with the UTC start time', () => {
    expect(startedPart('2026-03-02T09:15:04.120Z')).toBe('2026-03-02_091504');
    expect(startedPart('2026-03-02T10:15:04+01:00')).toBe('2026-03-02_091504');
    expect(startedPart(null)).toBe('undated');
    expect(startedPart('garbage')).toBe('undated');
    expect(callStem('2026-03-02T09:15:04.120Z', 'CA123/456')).toBe('2026-03-02_091504_CA123_456');
  });

  it('makes names unique in a batch, ignoring case', () => {
    const stems = uniqueStems([
      { callId: 1, stem: 'same' },
      { callId: 2, stem: 'SAME' },
      { callId: 3, stem: 'same' },
      { callId: 4, stem: 'other' },
    ]);
    expect([...stems.values()]).toEqual(['same', 'SAME_2', 'same_3', 'other']);
  });
});
