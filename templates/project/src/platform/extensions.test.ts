import { describe, expect, it } from "vitest";
import { captureLogger } from "../../test/support/app.js";
import { withExtensionServices, workerGroup, type Worker } from "./extensions.js";

function recorder(events: string[], name: string, failure: { start?: boolean; stop?: boolean } = {}): Worker {
  return {
    name,
    start() {
      if (failure.start === true) throw new Error(`${name} cannot start`);
      events.push(`${name} started`);
    },
    stop() {
      if (failure.stop === true) throw new Error(`${name} cannot stop`);
      events.push(`${name} stopped`);
    },
  };
}

describe("the workers", () => {
  it("start in order, once, and stop in reverse order", async () => {
    const events: string[] = [];
    const workers = workerGroup([recorder(events, "a"), recorder(events, "b")], captureLogger().logger);
    await Promise.all([workers.start(), workers.start()]);
    await workers.start();
    await workers.stop();
    expect(events).toEqual(["a started", "b started", "b stopped", "a stopped"]);
  });

  it("stop those started, the failing one too, when one fails to start, and the error comes out", async () => {
    const events: string[] = [];
    const logs = captureLogger();
    const workers = workerGroup([recorder(events, "a"), recorder(events, "b", { start: true }), recorder(events, "c")], logs.logger);
    await expect(workers.start()).rejects.toThrow("b cannot start");
    expect(events).toEqual(["a started", "b stopped", "a stopped"]);
    expect(logs.lines()).toContainEqual(expect.objectContaining({ worker: "b", msg: "a worker failed to start" }));
    await workers.stop();
    expect(events).toEqual(["a started", "b stopped", "a stopped"]);
  });

  it("stopped while they start, wait for the start in progress, stop those started and start no more", async () => {
    const events: string[] = [];
    let release = (): void => undefined;
    const slow: Worker = {
      name: "slow",
      async start() {
        await new Promise<void>((resolve) => (release = resolve));
        events.push("slow started");
      },
      stop() {
        events.push("slow stopped");
      },
    };
    const workers = workerGroup([slow, recorder(events, "next")], captureLogger().logger);
    const starting = workers.start();
    await Promise.resolve();
    const stopping = workers.stop();
    release();
    await Promise.all([starting, stopping]);
    expect(events).toEqual(["slow started", "slow stopped"]);
    await workers.start();
    expect(events).toEqual(["slow started", "slow stopped"]);
  });

  it("all stop even when one fails to, and the failure is reported", async () => {
    const events: string[] = [];
    const logs = captureLogger();
    const workers = workerGroup([recorder(events, "a"), recorder(events, "b", { stop: true })], logs.logger);
    await workers.start();
    await expect(workers.stop()).rejects.toThrow("workers failed to stop");
    expect(events).toEqual(["a started", "b started", "a stopped"]);
    expect(logs.lines()).toContainEqual(expect.objectContaining({ worker: "b", msg: "a worker failed to stop" }));
  });
});

describe("the extension services", () => {
  it("stand beside the generated ones", () => {
    expect(withExtensionServices({ order: 1 }, { placement: 2 })).toEqual({ order: 1, placement: 2 });
  });

  it("may not take a generated service's name", () => {
    expect(() => withExtensionServices({ order: 1, system: 0 }, { order: 2 })).toThrow(
      "src/extensions.ts: the service names order are taken by generated services",
    );
  });
});
