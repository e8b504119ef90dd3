/** Time as a dependency, so expiry, lockouts and (later) SLAs can be tested without sleeping. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** Real time plus an offset the test moves forward: sessions and windows behave as in production. */
export function testClock(): Clock & { advance: (ms: number) => void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}
