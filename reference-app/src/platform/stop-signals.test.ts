import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { onStopSignals } from "./stop-signals.js";

function setUp() {
  const source = new EventEmitter();
  let clock = 0;
  const calls: string[] = [];
  onStopSignals(
    {
      stop: (signal) => calls.push(`stop ${signal}`),
      force: (signal) => calls.push(`force ${signal}`),
    },
    source,
    () => clock,
  );
  const send = (signal: NodeJS.Signals, at: number): void => {
    clock = at;
    source.emit(signal, signal);
  };
  return { send, calls };
}

describe("onStopSignals", () => {
  it("starts one graceful stop on the first SIGINT or SIGTERM", () => {
    const { send, calls } = setUp();
    send("SIGTERM", 0);
    expect(calls).toEqual(["stop SIGTERM"]);
  });

  it("takes the same Ctrl-C relayed by a watcher for one signal, not a demand to stop at once", () => {
    const { send, calls } = setUp();
    send("SIGINT", 0);
    send("SIGINT", 15);
    expect(calls).toEqual(["stop SIGINT"]);
  });

  it("stops at once on another signal more than a second later", () => {
    const { send, calls } = setUp();
    send("SIGINT", 0);
    send("SIGINT", 1500);
    expect(calls).toEqual(["stop SIGINT", "force SIGINT"]);
  });
});
