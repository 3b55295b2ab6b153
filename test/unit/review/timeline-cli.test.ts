/**
 * `callreview timeline <call> [--json]` through the CLI's entry point (main) in this process,
 * against a real library: the JSON shape (stable field names), the indented text, exit codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineGroup } from '../../../shared/review.js';
import { A1, reviewRig, type ReviewRig } from './review-rig.js';
import { runCliInProcess, type CliRun } from '../../helpers/cli-in-process.js';

let rig: ReviewRig;

/** Runs the CLI in this process with stdout and stderr captured. */
const cli = (...args: string[]): Promise<CliRun> => runCliInProcess(rig.dataDir, args);

beforeAll(async () => {
  rig = await reviewRig('cr-review-cli-');
  await rig.call('comments:add', { callId: rig.callId, start: 4.5, text: 'Refund refused' });
  // The CLI opens the library itself.
  rig.core.close();
});
afterAll(() => {
  rig?.close();
});

describe('callreview timeline', () => {
  it('--json prints TimelineGroup[] with stable field names', async () => {
    const run = await cli('timeline', A1, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const raw = JSON.parse(run.stdout) as Record<string, unknown>[];
    const groups = TimelineGroup.array().parse(raw);
    expect(groups).toHaveLength(1);
    expect(Object.keys(raw[0]!).sort()).toEqual(['call', 'callId', 'children', 'externalId', 'groupId', 'source', 'startedAt']);
    const entryKeys = ['at', 'id', 'label', 'offsetSec', 'origin', 'payload', 'refersTo', 'summary', 'type'];
    expect(Object.keys(raw[0]!.call as object).sort()).toEqual(entryKeys);
    for (const c of raw[0]!.children as object[]) expect(Object.keys(c).sort()).toEqual(entryKeys);
    expect(groups[0]).toMatchObject({ callId: rig.callId, groupId: 'sess-a1b2c3', externalId: A1 });
    expect(groups[0]!.children.map((c) => c.type)).toEqual([...Array(8).fill(null).map((_, i) => (i === 2 || i === 4 ? 'function_call' : 'session_event')), 'comment_added']);
    // The numeric id works as well as the external id.
    expect(JSON.parse((await cli('timeline', String(rig.callId), '--json')).stdout)).toEqual(raw);
  });

  it('prints indented text: the call line, then its children with time, offset and label', async () => {
    const run = await cli('timeline', A1);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${A1} (#${rig.callId}, folder, group sess-a1b2c3)`);
    expect(lines[1]).toMatch(/^ {2}2026-03-02T09:15:0\d\.\d{3}Z {2}\+0:00\.0 {2}Call {2}/);
    expect(lines).toHaveLength(2 + 9);
    expect(lines.slice(2).every((l) => l.startsWith('    2026-03-0'))).toBe(true);
    expect(lines[4]).toMatch(/^ {4}2026-03-02T09:15:08\.345Z {2}\+0:04\.\d {2}Function call: lookup_order {2}lookup_order\(\{"order_id":"48213"\}\)$/);
    expect(lines.at(-1)).toBe('    2026-03-05T10:00:00.000Z  Comment added  Refund refused');
  });

  it('exits 1 for an unknown call and 2 for a usage error', async () => {
    const unknown = await cli('timeline', 'no-such-call');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('no call "no-such-call"');
    expect((await cli('timeline')).code).toBe(2);
    const two = await cli('timeline', A1, 'extra');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('timeline takes exactly one call id');
  });
});
