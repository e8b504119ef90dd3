/** Time as a dependency, so expiry, lockouts and (later) SLAs can be tested without sleeping. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

export function manualClock(
  start = new Date(),
): Clock & { advance: (ms: number) => void; set: (d: Date) => void } {
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
