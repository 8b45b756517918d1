/**
 * ACC-5: a request that needs SMS re-verification waits here until the re-verification modal
 * settles. Concurrent requests share the one pending verification.
 */
let pending: { promise: Promise<boolean>; resolve: (ok: boolean) => void } | null = null;
const listeners = new Set<() => void>();

function notify() {
  for (const l of listeners) l();
}

/** Opens the re-verification modal; resolves true once verified, false when the user cancels. */
export function requestReverify(): Promise<boolean> {
  if (!pending) {
    let resolve!: (ok: boolean) => void;
    const promise = new Promise<boolean>((r) => {
      resolve = r;
    });
    pending = { promise, resolve };
    notify();
  }
  return pending.promise;
}

export function settleReverify(ok: boolean) {
  const p = pending;
  pending = null;
  p?.resolve(ok);
  notify();
}

export function subscribeReverify(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function isReverifyOpen() {
  return pending !== null;
}
