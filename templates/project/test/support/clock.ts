// A clock for tests: it stands still at `start` until a test moves it on.
import type { Clock } from "../../src/platform/clock.js";

export function fixedClock(start: Date): Clock & { advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
  };
}
