import { describe, expect, it } from "vitest";
import { captureLogger } from "../../test/support/app.js";
import { withExtensionServices, workerGroup, type Worker } from "./extensions.js";

function recorder(
  events: string[],
  name: string,
  failure: { prepare?: boolean; start?: boolean; stop?: boolean } = {},
  { prepares = true } = {},
): Worker {
  return {
    name,
    ...(prepares
      ? {
          prepare() {
            if (failure.prepare === true) throw new Error(`${name} cannot prepare`);
            events.push(`${name} prepared`);
          },
        }
      : {}),
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
  it("prepare in order, start in order and stop in reverse order", async () => {
    const events: string[] = [];
    const workers = workerGroup(
      [recorder(events, "a"), recorder(events, "b")],
      captureLogger().logger,
    );
    await workers.prepare();
    await workers.start();
    await workers.stop();
    expect(events).toEqual([
      "a prepared",
      "b prepared",
      "a started",
      "b started",
      "b stopped",
      "a stopped",
    ]);
  });

  it("are prepared by start() when nothing prepared them, and prepared once", async () => {
    const events: string[] = [];
    const workers = workerGroup(
      [recorder(events, "a"), recorder(events, "b", {}, { prepares: false })],
      captureLogger().logger,
    );
    await workers.start();
    await workers.start();
    expect(events).toEqual(["a prepared", "a started", "b started"]);
  });

  it("stop those prepared when one fails to prepare, and the error comes out", async () => {
    const events: string[] = [];
    const logs = captureLogger();
    const workers = workerGroup(
      [recorder(events, "a"), recorder(events, "b", { prepare: true }), recorder(events, "c")],
      logs.logger,
    );
    await expect(workers.prepare()).rejects.toThrow("b cannot prepare");
    expect(events).toEqual(["a prepared", "b stopped", "a stopped"]);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ worker: "b", msg: "a worker failed to prepare" }),
    );
  });

  it("stop those prepared or started when one fails to start", async () => {
    const events: string[] = [];
    const workers = workerGroup(
      [recorder(events, "a"), recorder(events, "b", { start: true }), recorder(events, "c")],
      captureLogger().logger,
    );
    await workers.prepare();
    await expect(workers.start()).rejects.toThrow("b cannot start");
    expect(events).toEqual([
      "a prepared",
      "b prepared",
      "c prepared",
      "a started",
      "c stopped",
      "b stopped",
      "a stopped",
    ]);
  });

  it("all stop even when one fails to, and the failure is reported", async () => {
    const events: string[] = [];
    const logs = captureLogger();
    const workers = workerGroup(
      [recorder(events, "a"), recorder(events, "b", { stop: true })],
      logs.logger,
    );
    await workers.start();
    await expect(workers.stop()).rejects.toThrow("workers failed to stop");
    expect(events).toEqual(["a prepared", "b prepared", "a started", "b started", "a stopped"]);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ worker: "b", msg: "a worker failed to stop" }),
    );
  });
});

describe("the extension services", () => {
  it("stand beside the generated ones", () => {
    expect(withExtensionServices({ order: 1 }, { placement: 2 })).toEqual({
      order: 1,
      placement: 2,
    });
  });

  it("may not take a generated service's name", () => {
    expect(() => withExtensionServices({ order: 1, system: 0 }, { order: 2 })).toThrow(
      "src/extensions.ts: the service names order are taken by generated services",
    );
  });
});
