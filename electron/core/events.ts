import type { EventName, EventPayload } from '../../shared/ipc/contract.js';

/** A listener for any event, used by shells that forward everything (IPC, SSE). */
export type AnyListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** A small typed event bus; `on` returns the unsubscribe function, like wavesurfer's. */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  /** Sends an event to every listener; a throwing listener does not stop the others. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A broken shell listener must not break an import.
      }
    }
  }

  /** Subscribes to all events. */
  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
