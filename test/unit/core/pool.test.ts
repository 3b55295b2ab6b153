import { describe, expect, it } from 'vitest';
import { BoundedRunner, runPool } from '../../../electron/core/pool.js';

const tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('BoundedRunner', () => {
  it('never runs more than its size at once and runs everything added', async () => {
    const runner = new BoundedRunner(3);
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    for (let i = 0; i < 10; i++) {
      await runner.add(async () => {
        active++;
        peak = Math.max(peak, active);
        await tick(5 + (i % 3) * 3);
        active--;
        done.push(i);
      });
    }
    await runner.drain();
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('starts nothing after a failure and throws the first error from drain', async () => {
    const runner = new BoundedRunner(1);
    const started: number[] = [];
    await runner.add(async () => {
      started.push(0);
      throw new Error('first');
    });
    await runner.add(async () => {
      started.push(1);
    });
    expect(runner.failed).toBe(true);
    await expect(runner.drain()).rejects.toThrow('first');
    expect(started).toEqual([0]);
  });
});

describe('runPool', () => {
  it('keeps to its size and rethrows the first error after running tasks end', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    await expect(
      runPool([1, 2, 3, 4, 5, 6], 2, async (n) => {
        active++;
        peak = Math.max(peak, active);
        await tick(5);
        active--;
        seen.push(n);
        if (n === 3) throw new Error('three');
      }),
    ).rejects.toThrow('three');
    expect(peak).toBe(2);
    expect(seen).not.toContain(6);
  });
});
