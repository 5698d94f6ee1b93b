//! Purpose: concurrent cold reads of one key share one request (a burst reads the config, a permission, the ids once).

/** In-flight promises by key; an entry lives only while its request runs, so results are cached elsewhere (or not at all). */
export class SingleFlight<K, V> {
  private readonly inFlight = new Map<K, Promise<V>>();

  run(key: K, request: () => Promise<V>): Promise<V> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = request().finally(() => {
      if (this.inFlight.get(key) === started) this.inFlight.delete(key);
    });
    this.inFlight.set(key, started);
    return started;
  }

  /** Later callers start a new request (a config push while a read of the old file runs). */
  forget(key?: K): void {
    if (key === undefined) this.inFlight.clear();
    else this.inFlight.delete(key);
  }
}

const byOwner = new WeakMap<object, SingleFlight<unknown, unknown>>();

/**
 * The single-flight that goes with a cache (the runtime's `caches.config`, `.permissions`, `.directory`):
 * per runtime like the cache itself, so a new runtime (a test, a restart) shares nothing with the old one.
 */
export function singleFlightOf<K, V>(owner: object): SingleFlight<K, V> {
  let flight = byOwner.get(owner);
  if (!flight) {
    flight = new SingleFlight<unknown, unknown>();
    byOwner.set(owner, flight);
  }
  return flight as SingleFlight<K, V>;
}
