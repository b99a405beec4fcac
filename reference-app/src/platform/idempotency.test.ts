import { randomUUID } from "node:crypto";
import { createTRPCClient, httpLink } from "@trpc/client";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { buildApp, buildServices } from "../../test/support/app.js";
import { fixedClock } from "../../test/support/clock.js";
import { databaseKinds, testDatabase } from "../../test/support/database.js";
import { publicProcedure, router, createCallerFactory } from "../trpc.js";
import { createContextInner } from "./context.js";
import type { Database } from "./db/database.js";
import { createIdempotencyStore, idempotent, requestHash } from "./idempotency.js";
import { createLogger } from "./logger.js";

/** A mutation that counts its runs and, when told to, waits until released. */
function countingRouter() {
  const runs: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  const testRouter = router({
    charge: publicProcedure
      .input(z.object({ amount: z.number(), note: z.string().optional() }))
      .concat(idempotent())
      .mutation(async ({ input }) => {
        runs.push(input.amount);
        await gate;
        if (input.amount < 0) throw new Error("negative amount");
        return { charged: input.amount, run: runs.length };
      }),
    strict: publicProcedure.concat(idempotent({ required: true })).mutation(() => "done"),
  });
  return {
    testRouter,
    runs,
    hold: () => {
      let release = (): void => undefined;
      gate = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
  };
}

const callerFor = (
  database: Database,
  testRouter: ReturnType<typeof countingRouter>["testRouter"],
  clock = fixedClock(new Date()),
  key?: string,
) =>
  createCallerFactory(testRouter)(
    createContextInner(
      {
        services: buildServices(database, { clock }),
        logger: createLogger({ logLevel: "silent" }),
        exposeErrors: true,
      },
      key === undefined ? {} : { headers: { "idempotency-key": key } },
    ),
  );

describe.each(databaseKinds)("idempotent mutations on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }

  it("answer a repeated key and input with the first result, and run once", async () => {
    const database = await testDatabase(kind);
    const { testRouter, runs } = countingRouter();
    const key = randomUUID();
    const first = await callerFor(database, testRouter, undefined, key).charge({
      amount: 12,
      note: "a",
    });
    const again = await callerFor(database, testRouter, undefined, key).charge({
      note: "a",
      amount: 12,
    });
    expect(again).toEqual(first);
    expect(runs).toEqual([12]);
  });

  it("refuse the same key with another input as a CONFLICT", async () => {
    const database = await testDatabase(kind);
    const { testRouter, runs } = countingRouter();
    const key = randomUUID();
    await callerFor(database, testRouter, undefined, key).charge({ amount: 12 });
    await expect(
      callerFor(database, testRouter, undefined, key).charge({ amount: 13 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This Idempotency-Key was used with another input",
    });
    expect(runs).toEqual([12]);
  });

  it("run once for calls racing with one key, and give each the same answer", async () => {
    const database = await testDatabase(kind);
    const { testRouter, runs, hold } = countingRouter();
    const key = randomUUID();
    const release = hold();
    const calls = Array.from({ length: 8 }, () =>
      callerFor(database, testRouter, undefined, key).charge({ amount: 5 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const answers = await Promise.all(calls);
    expect(runs).toEqual([5]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(
      new Set([JSON.stringify({ charged: 5, run: 1 })]),
    );
  });

  it("run as usual without a key, and refuse a call without one where the key is required", async () => {
    const database = await testDatabase(kind);
    const { testRouter, runs } = countingRouter();
    await callerFor(database, testRouter).charge({ amount: 1 });
    await callerFor(database, testRouter).charge({ amount: 1 });
    expect(runs).toEqual([1, 1]);
    await expect(callerFor(database, testRouter).strict()).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await callerFor(database, testRouter, undefined, randomUUID()).strict()).toBe("done");
  });

  it("free the key of a call that failed, so that it may be tried again", async () => {
    const database = await testDatabase(kind);
    const { testRouter, runs } = countingRouter();
    const key = randomUUID();
    await expect(
      callerFor(database, testRouter, undefined, key).charge({ amount: -1 }),
    ).rejects.toThrow();
    await expect(
      callerFor(database, testRouter, undefined, key).charge({ amount: -1 }),
    ).rejects.toThrow();
    expect(runs).toEqual([-1, -1]);
  });

  it("run again once the stored answer has expired, and purge expired keys", async () => {
    const database = await testDatabase(kind);
    const { testRouter, runs } = countingRouter();
    const clock = fixedClock(new Date("2031-01-01T00:00:00.000Z"));
    const key = randomUUID();
    await callerFor(database, testRouter, clock, key).charge({ amount: 3 });
    clock.advance(24 * 60 * 60 * 1000);
    await callerFor(database, testRouter, clock, key).charge({ amount: 4 });
    expect(runs).toEqual([3, 4]);
    clock.advance(24 * 60 * 60 * 1000);
    expect(await createIdempotencyStore(database, clock).purgeExpired()).toBeGreaterThanOrEqual(1);
  });

  it("refuse a malformed key", async () => {
    const database = await testDatabase(kind);
    const { testRouter } = countingRouter();
    await expect(
      callerFor(database, testRouter, undefined, "").charge({ amount: 1 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe.each(["fast", "stock"])(
  "an idempotent mutation over HTTP through the %s adapter",
  (adapter) => {
    it("reads the Idempotency-Key header the tRPC client sends", async () => {
      const { testRouter, runs } = countingRouter();
      const app = await buildApp({ router: testRouter, env: { TRPC_ADAPTER: adapter } });
      try {
        const url = await app.server.listen({ host: "127.0.0.1", port: 0 });
        const key = randomUUID();
        const client = createTRPCClient<typeof testRouter>({
          links: [httpLink({ url: `${url}/trpc`, headers: () => ({ "Idempotency-Key": key }) })],
        });
        const first = await client.charge.mutate({ amount: 7 });
        expect(await client.charge.mutate({ amount: 7 })).toEqual(first);
        expect(runs).toEqual([7]);
        await expect(client.charge.mutate({ amount: 8 })).rejects.toMatchObject({
          data: { code: "CONFLICT", httpStatus: 409 },
        });
      } finally {
        await app.close();
      }
    });
  },
);

describe("the request hash", () => {
  it("is the same for the same input whatever the order of its keys", () => {
    expect(requestHash({ a: 1, b: [{ c: 2, d: 3 }] })).toBe(
      requestHash({ b: [{ d: 3, c: 2 }], a: 1 }),
    );
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});
