import type { Core } from '../core/app-core.js';

/** Resolves what the user typed (call ids or external ids) to call ids, keeping the ones that match nothing. */
export function resolveCallRefs(core: Pick<Core, 'repos'>, refs: readonly string[]): { ids: number[]; unknown: string[] } {
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    const id = core.repos.calls.idByRef(ref);
    if (id === null) unknown.push(ref);
    else ids.push(id);
  }
  return { ids, unknown };
}
