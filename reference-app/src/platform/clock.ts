// Time as a dependency, so that services can be tested at a fixed instant (test/support/clock.ts).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
