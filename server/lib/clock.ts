/** Injectable time source so windows, lockouts and expiries are testable. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export function manualClock(start = new Date('2026-03-02T01:00:00Z')): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}

/** The system clock shifted by an offset a developer can set (development only: try deadlines and windows). */
export function shiftedClock(): Clock & { shift(days: number): void; offsetDays(): number } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    shift: (days) => {
      offset = days * 86_400_000;
    },
    offsetDays: () => offset / 86_400_000,
  };
}
