/** Runs `fn` over items with at most `size` at once; the first error stops new work and is thrown after the running ones end. */
export async function runPool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async () => {
    while (next < items.length && !failed) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        if (!failed) firstError = err;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  if (failed) throw firstError;
}

/**
 * Starts tasks as they come with at most `size` running; `add` waits for a free slot. Unlike
 * runPool it is fed incrementally (page after page) so workers never idle at page ends.
 */
export class BoundedRunner {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly running = new Set<Promise<void>>();
  private error: { value: unknown } | null = null;

  constructor(private readonly size: number) {}

  /** True once a task has failed; callers stop adding work. */
  get failed(): boolean {
    return this.error !== null;
  }

  /** Waits for a slot, then starts `fn` without waiting for it to finish. */
  async add(fn: () => Promise<void>): Promise<void> {
    while (this.active >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    // A task failed while this one waited: start nothing more.
    if (this.error) return;
    this.active++;
    const p = fn()
      .catch((err: unknown) => {
        this.error ??= { value: err };
      })
      .finally(() => {
        this.active--;
        this.running.delete(p);
        this.waiting.shift()?.();
      });
    this.running.add(p);
  }

  /** Waits for every started task; throws the first failure. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
    if (this.error) throw this.error.value;
  }
}
