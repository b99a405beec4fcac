import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors.js";
import { createKeyedActor } from "./mailbox.js";

/** A job that runs until the test releases it, and says whether it has started. */
function gate<T = string>(value?: T) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = false;
  return {
    job: async () => {
      started = true;
      await released;
      return value as T;
    },
    started: () => started,
    release: () => {
      release();
    },
  };
}

describe("a keyed actor", () => {
  it("runs one job at a time for a key, first sent first run", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 10 });
    const events: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const jobs = ["first", "second", "third"].map((label) =>
      actor.run("account-1", async () => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        events.push(`start ${label}`);
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`end ${label}`);
        running -= 1;
        return label;
      }),
    );
    expect(await Promise.all(jobs)).toEqual(["first", "second", "third"]);
    expect(mostAtOnce).toBe(1);
    expect(events).toEqual([
      "start first",
      "end first",
      "start second",
      "end second",
      "start third",
      "end third",
    ]);
  });

  it("runs jobs for different keys side by side", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 10 });
    const slow = gate("a");
    const first = actor.run("account-1", slow.job);
    // The second key's job finishes while the first key's job is still in flight.
    expect(await actor.run("account-2", () => Promise.resolve("b"))).toBe("b");
    expect(slow.started()).toBe(true);
    slow.release();
    expect(await first).toBe("a");
  });

  it("refuses a job at once with TOO_MANY_REQUESTS when the key's mailbox is full, without running it", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 2 });
    const inFlight = gate();
    const accepted = [
      actor.run("account-1", inFlight.job),
      actor.run("account-1", () => Promise.resolve("w1")),
      actor.run("account-1", () => Promise.resolve("w2")),
    ];
    let refusedRan = false;
    // The job in flight is never released before this settles: a refusal that waited for it would hang.
    const refusal: unknown = await actor
      .run("account-1", () => {
        refusedRan = true;
        return Promise.resolve("w3");
      })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      details: { actor: "ledger", key: "account-1", mailboxSize: 2 },
    });
    expect(refusedRan).toBe(false);
    expect(actor.stats()).toEqual({ keys: 1, waiting: 2 });
    expect([actor.hasRoom("account-1"), actor.hasRoom("account-2")]).toEqual([false, true]);
    inFlight.release();
    await Promise.all(accepted);
    expect(actor.hasRoom("account-1")).toBe(true);
  });

  it("keeps a full mailbox from refusing work for another key", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 0 });
    const inFlight = gate();
    const busy = actor.run("account-1", inFlight.job);
    await expect(actor.run("account-1", () => Promise.resolve("x"))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await actor.run("account-2", () => Promise.resolve("y"))).toBe("y");
    inFlight.release();
    await busy;
  });

  it("with a mailbox of 0, has room for an idle key and none behind a job in flight", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 0 });
    expect(actor.hasRoom("account-1")).toBe(true);
    const inFlight = gate();
    const busy = actor.run("account-1", inFlight.job);
    expect([actor.hasRoom("account-1"), actor.hasRoom("account-2")]).toEqual([false, true]);
    inFlight.release();
    await busy;
    expect(actor.hasRoom("account-1")).toBe(true);
  });

  it("makes room again as jobs complete", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 1 });
    const first = gate("first");
    const running = actor.run("account-1", first.job);
    const queued = actor.run("account-1", () => Promise.resolve("queued"));
    await expect(actor.run("account-1", () => Promise.resolve("refused"))).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    first.release();
    expect(await running).toBe("first");
    // The queued job is in flight now, so its place in the mailbox is free.
    expect(await actor.run("account-1", () => Promise.resolve("later"))).toBe("later");
    expect(await queued).toBe("queued");
  });

  it("rejects a failed job's caller only, and runs the key's next job", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 5 });
    const failing = actor.run("account-1", () => Promise.reject(new Error("boom")));
    const throwing = actor.run("account-1", () => {
      throw new Error("thrown before any await");
    });
    const next = actor.run("account-1", () => Promise.resolve("still served"));
    await expect(failing).rejects.toThrow("boom");
    await expect(throwing).rejects.toThrow("thrown before any await");
    expect(await next).toBe("still served");
  });

  it("forgets a key once its mailbox is empty", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 5 });
    await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        actor.run(`account-${String(index)}`, () => Promise.resolve(index)),
      ),
    );
    await actor.run("account-0", () => Promise.reject(new Error("failed"))).catch(() => undefined);
    expect(actor.stats()).toEqual({ keys: 0, waiting: 0 });
  });

  it("on close, refuses new work with UNAVAILABLE and resolves once accepted work has run", async () => {
    const actor = createKeyedActor({ name: "ledger", mailboxSize: 5 });
    const inFlight = gate("in flight");
    const accepted = [
      actor.run("account-1", inFlight.job),
      actor.run("account-1", () => Promise.resolve("waiting")),
    ];
    let closed = false;
    const closing = actor.close().then(() => {
      closed = true;
    });
    await expect(actor.run("account-2", () => Promise.resolve("late"))).rejects.toMatchObject({
      code: "UNAVAILABLE",
    });
    expect(closed).toBe(false);
    inFlight.release();
    await closing;
    expect(await Promise.all(accepted)).toEqual(["in flight", "waiting"]);
    expect(actor.stats()).toEqual({ keys: 0, waiting: 0 });
  });

  it("closes at once when idle", async () => {
    await expect(
      createKeyedActor({ name: "ledger", mailboxSize: 1 }).close(),
    ).resolves.toBeUndefined();
  });

  it("refuses a mailbox size that is not a whole number of 0 or more", () => {
    expect(() => createKeyedActor({ name: "ledger", mailboxSize: -1 })).toThrow(RangeError);
    expect(() => createKeyedActor({ name: "ledger", mailboxSize: 1.5 })).toThrow(
      /ledger: the mailbox size must be a whole number/,
    );
  });

  it("records waiting jobs, busy keys and refusals per actor in the registry it is given", async () => {
    const registry = new Registry();
    const ledger = createKeyedActor({ name: "ledger", mailboxSize: 1, registry });
    const audit = createKeyedActor({ name: "audit", mailboxSize: 1, registry });
    const inFlight = gate();
    const running = ledger.run("account-1", inFlight.job);
    const queued = ledger.run("account-1", () => Promise.resolve("queued"));
    await ledger.run("account-1", () => Promise.resolve("refused")).catch(() => undefined);
    await audit.run("entry-1", () => Promise.resolve("done"));
    const text = await registry.metrics();
    expect(text).toContain('actor_mailbox_waiting{actor="ledger"} 1');
    expect(text).toContain('actor_busy_keys{actor="ledger"} 1');
    expect(text).toContain('actor_mailbox_refused_total{actor="ledger"} 1');
    expect(text).toContain('actor_busy_keys{actor="audit"} 0');
    inFlight.release();
    await Promise.all([running, queued]);
    expect(await registry.metrics()).toContain('actor_busy_keys{actor="ledger"} 0');
  });
});
