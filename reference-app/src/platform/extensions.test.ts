import { describe, expect, it } from "vitest";
import { captureLogger } from "../../test/support/app.js";
import { startWorkers, withExtensionServices, type Worker } from "./extensions.js";

function recorder(
  events: string[],
  name: string,
  failure: { start?: boolean; stop?: boolean } = {},
): Worker {
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
  it("start in order and stop in reverse order", async () => {
    const events: string[] = [];
    const running = await startWorkers(
      [recorder(events, "a"), recorder(events, "b")],
      captureLogger().logger,
    );
    await running.stop();
    expect(events).toEqual(["a started", "b started", "b stopped", "a stopped"]);
  });

  it("all stop even when one fails to, and the failure is reported", async () => {
    const events: string[] = [];
    const logs = captureLogger();
    const running = await startWorkers(
      [recorder(events, "a"), recorder(events, "b", { stop: true })],
      logs.logger,
    );
    await expect(running.stop()).rejects.toThrow("workers failed to stop");
    expect(events).toEqual(["a started", "b started", "a stopped"]);
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
