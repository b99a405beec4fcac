import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../../../test/support/database.js";
import {
  openSagaDatabase,
  type Instance,
  type SagaDatabase,
} from "../../../test/support/saga-database.js";
import { defineSaga, FinalStepError, type SagaStep } from "./saga.js";
import { findSaga } from "./saga-store.js";
import { createSagaRunner, type SagaRunner, type SagaRunnerOptions } from "./saga-runner.js";

interface Input {
  amount: number;
}

/**
 * A stand-in for the systems the steps change: it applies an effect once per idempotency key, as
 * a well-behaved provider does, and counts every call, so a test sees both.
 */
function createLedger() {
  const calls = new Map<string, number>();
  const effects: string[] = [];
  return {
    calls,
    effects,
    apply(key: string) {
      calls.set(key, (calls.get(key) ?? 0) + 1);
      if (!effects.includes(key)) effects.push(key);
    },
  };
}
type Ledger = ReturnType<typeof createLedger>;

const never = new Promise<never>(() => undefined);
let sagaCount = 0;
const uniqueName = (what: string) => `${what}-${String((sagaCount += 1))}`;

/** Three steps that record their effects; `override` replaces a step's behaviour by name. */
function steps(
  ledger: Ledger,
  override: Partial<Record<string, Partial<SagaStep<Input>>>> = {},
): SagaStep<Input>[] {
  return ["reserve", "charge", "ship"].map((name) => ({
    name,
    async run({ idempotencyKey }) {
      await Promise.resolve();
      ledger.apply(idempotencyKey);
      return { done: name };
    },
    async compensate({ idempotencyKey }) {
      await Promise.resolve();
      ledger.apply(idempotencyKey);
    },
    ...override[name],
  }));
}

const fast: Partial<SagaRunnerOptions> = {
  leaseSeconds: 2,
  pollingIntervalSeconds: 0.5,
  retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
};

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`saga runner on ${kind}${skip ? ` (${skip})` : ""}`, () => {
    let database: SagaDatabase;
    const runners: SagaRunner[] = [];
    let longestRecoveryMs = 0;

    beforeAll(async () => {
      database = await openSagaDatabase(kind);
    });
    beforeEach(async () => {
      await database.prisma.$executeRawUnsafe(`TRUNCATE "Saga"`);
    });
    afterEach(async () => {
      await Promise.all(runners.splice(0).map((runner) => runner.stop({ timeoutMs: 500 })));
    });
    afterAll(async () => {
      console.log(
        `saga runner on ${kind}: the longest wait of a crashed saga until another runner finished it: ${String(longestRecoveryMs)} ms`,
      );
      await database.close();
    });

    async function runner(
      instance: Instance,
      sagas: SagaRunnerOptions["sagas"],
      options: Partial<SagaRunnerOptions> = {},
    ) {
      const created = await createSagaRunner({
        db: instance.db,
        boss: instance.boss,
        sagas,
        ...fast,
        ...options,
      });
      runners.push(created);
      await created.startWorker();
      return created;
    }

    it("runs the steps of a saga one after another and records it completed", async () => {
      const ledger = createLedger();
      const saga = defineSaga<Input>({ name: uniqueName("complete"), steps: steps(ledger) });
      const sagas = await runner(await database.instance(), [saga]);

      await sagas.start(saga, "s1", { amount: 5 });
      const state = await sagas.waitFor("s1");

      expect(ledger.effects).toEqual(["s1:reserve", "s1:charge", "s1:ship"]);
      expect(state).toMatchObject({
        status: "COMPLETED",
        name: saga.name,
        input: { amount: 5 },
        step: 3,
        compensated: 0,
        inFlight: null,
        failureReason: null,
        results: {
          reserve: { done: "reserve" },
          charge: { done: "charge" },
          ship: { done: "ship" },
        },
      });
      expect(state?.finishedAt).toBeInstanceOf(Date);
    });

    it("starts a saga once for one id", async () => {
      const ledger = createLedger();
      const saga = defineSaga<Input>({ name: uniqueName("once"), steps: steps(ledger) });
      const sagas = await runner(await database.instance(), [saga]);

      expect(await sagas.start(saga, "s1", { amount: 1 })).toMatchObject({
        started: true,
        jobId: expect.any(String) as string,
      });
      expect(await sagas.start(saga, "s1", { amount: 2 })).toEqual({ started: false });
      await sagas.waitFor("s1");

      expect(ledger.effects).toEqual(["s1:reserve", "s1:charge", "s1:ship"]);
      expect((await sagas.get("s1"))?.input).toEqual({ amount: 1 });
    });

    it("exists only if the transaction that started it commits", async () => {
      const ledger = createLedger();
      const saga = defineSaga<Input>({ name: uniqueName("tx"), steps: steps(ledger) });
      const instance = await database.instance();
      const sagas = await runner(instance, [saga]);

      await expect(
        instance.db.$transaction(async (tx) => {
          await sagas.start(saga, "rolled-back", { amount: 1 }, { tx });
          throw new Error("the caller changed its mind");
        }),
      ).rejects.toThrow("the caller changed its mind");
      await instance.db.$transaction((tx) => sagas.start(saga, "committed", { amount: 1 }, { tx }));

      expect((await sagas.waitFor("committed"))?.status).toBe("COMPLETED");
      expect(await sagas.get("rolled-back")).toBeUndefined();
      expect(ledger.effects).not.toContain("rolled-back:reserve");
    });

    it("compensates the completed steps in reverse when a step fails for good", async () => {
      const ledger = createLedger();
      const saga = defineSaga<Input>({
        name: uniqueName("declined"),
        steps: steps(ledger, {
          ship: {
            run: () => Promise.reject(new FinalStepError("no carrier for that address")),
          },
        }),
      });
      const sagas = await runner(await database.instance(), [saga]);

      await sagas.start(saga, "s1", { amount: 5 });
      const state = await sagas.waitFor("s1");

      expect(ledger.effects).toEqual([
        "s1:reserve",
        "s1:charge",
        "s1:charge:compensate",
        "s1:reserve:compensate",
      ]);
      expect(state).toMatchObject({
        status: "FAILED",
        failureReason: "ship: no carrier for that address",
        step: 2,
        compensated: 2,
        inFlight: null,
      });
    });

    it("retries a failing step and compensates it too once its attempts run out", async () => {
      const ledger = createLedger();
      const attempts: number[] = [];
      const saga = defineSaga<Input>({
        name: uniqueName("exhausted"),
        steps: steps(ledger, {
          charge: {
            run: ({ attempt }) => {
              attempts.push(attempt);
              return Promise.reject(new Error("provider timed out"));
            },
          },
        }),
      });
      const sagas = await runner(await database.instance(), [saga]);

      await sagas.start(saga, "s1", { amount: 5 });
      const state = await sagas.waitFor("s1");

      expect(attempts).toEqual([1, 2, 3]);
      // The charge may have happened before the timeout: its compensation runs as well.
      expect(ledger.effects).toEqual([
        "s1:reserve",
        "s1:charge:compensate",
        "s1:reserve:compensate",
      ]);
      expect(state).toMatchObject({
        status: "FAILED",
        failureReason: "charge: provider timed out",
        lastError: "provider timed out",
      });
    });

    it("completes a saga whose step succeeds on a later attempt", async () => {
      const ledger = createLedger();
      const saga = defineSaga<Input>({
        name: uniqueName("flaky"),
        steps: steps(ledger, {
          charge: {
            run: async ({ attempt, idempotencyKey }) => {
              if (attempt < 2) throw new Error("provider answered 503");
              await Promise.resolve();
              ledger.apply(idempotencyKey);
              return { attempt };
            },
          },
        }),
      });
      const sagas = await runner(await database.instance(), [saga]);

      await sagas.start(saga, "s1", { amount: 5 });
      const state = await sagas.waitFor("s1");

      expect(state).toMatchObject({ status: "COMPLETED", results: { charge: { attempt: 2 } } });
      expect(ledger.effects).toEqual(["s1:reserve", "s1:charge", "s1:ship"]);
    });

    it("retries a failing compensation until it succeeds, recording its attempts", async () => {
      const ledger = createLedger();
      const seen: { attempt: number; attempts: number | undefined; lastError: unknown }[] = [];
      const saga = defineSaga<Input>({
        name: uniqueName("stubborn"),
        steps: steps(ledger, {
          reserve: {
            compensate: async ({ attempt, idempotencyKey, sagaId }) => {
              const state = await findSaga(database.prisma, sagaId);
              seen.push({ attempt, attempts: state?.attempts, lastError: state?.lastError });
              if (attempt < 4) throw new Error("remote service unavailable");
              ledger.apply(idempotencyKey);
            },
          },
          charge: { run: () => Promise.reject(new FinalStepError("card declined")) },
        }),
      });
      const sagas = await runner(await database.instance(), [saga]);

      await sagas.start(saga, "s1", { amount: 5 });
      const state = await sagas.waitFor("s1");

      expect(seen).toEqual([
        { attempt: 1, attempts: 1, lastError: "card declined" },
        { attempt: 2, attempts: 2, lastError: "remote service unavailable" },
        { attempt: 3, attempts: 3, lastError: "remote service unavailable" },
        { attempt: 4, attempts: 4, lastError: "remote service unavailable" },
      ]);
      expect(ledger.effects).toEqual(["s1:reserve", "s1:reserve:compensate"]);
      expect(state).toMatchObject({ status: "FAILED", failureReason: "charge: card declined" });
    });

    const crashPoints = [
      { during: "reserve", ends: "COMPLETED" },
      { during: "charge", ends: "COMPLETED" },
      { during: "ship", ends: "COMPLETED" },
      { during: "charge:compensate", ends: "FAILED" },
    ] as const;

    it.each(crashPoints)(
      "finishes a saga whose runner crashed during $during, applying each effect once",
      { timeout: 30_000 },
      async ({ during, ends }) => {
        const ledger = createLedger();
        const name = uniqueName("crash");
        const first = await database.instance();
        /** Applies the effect, and, the first time it reaches the crash point, kills the instance. */
        const effect = (key: string, point: string) => {
          ledger.apply(key);
          if (point !== during || first.crashed) return Promise.resolve();
          first.crash();
          crashedAt = Date.now();
          return never;
        };
        let crashedAt = 0;
        const definition = () =>
          defineSaga<Input>({
            name,
            steps: ["reserve", "charge", "ship"].map((step) => ({
              name: step,
              async run({ idempotencyKey }) {
                if (during === "charge:compensate" && step === "ship") {
                  throw new FinalStepError("no carrier");
                }
                await effect(idempotencyKey, step);
                return step;
              },
              async compensate({ idempotencyKey }) {
                await effect(idempotencyKey, `${step}:compensate`);
              },
            })),
          });
        const crashing = await runner(first, [definition()]);
        await crashing.start(definition(), "s1", { amount: 5 });
        while (!first.crashed) await sleep(20);

        const second = await database.instance();
        const recovering = await runner(second, [definition()]);
        const state = await recovering.waitFor("s1", { timeoutMs: 25_000 });
        longestRecoveryMs = Math.max(longestRecoveryMs, Date.now() - crashedAt);

        expect(state?.status).toBe(ends);
        const expected =
          ends === "COMPLETED"
            ? ["s1:reserve", "s1:charge", "s1:ship"]
            : ["s1:reserve", "s1:charge", "s1:charge:compensate", "s1:reserve:compensate"];
        expect(ledger.effects).toEqual(expected);
        // Only the step in flight at the crash ran again; the steps recorded as done did not.
        const repeated = [...ledger.calls].filter(([, calls]) => calls > 1).map(([key]) => key);
        expect(repeated).toEqual([`s1:${during}`]);
      },
    );

    it.skipIf(kind !== "postgres")(
      "drives each saga from one instance at a time, and finishes a dead instance's sagas on another",
      { timeout: 60_000 },
      async () => {
        const ledger = createLedger();
        const name = uniqueName("pair");
        const running = new Map<string, string>();
        const overlaps: string[] = [];
        const ranOn = new Set<string>();
        const [a, b] = [await database.instance(), await database.instance()];
        const instances = { a, b };
        let stepsOnA = 0;
        const definition = (on: "a" | "b") =>
          defineSaga<Input>({
            name,
            steps: ["reserve", "charge", "ship"].map((step) => ({
              name: step,
              async run({ sagaId, idempotencyKey }) {
                const holder = running.get(sagaId);
                if (holder !== undefined && !instances[holder as "a" | "b"].crashed) {
                  overlaps.push(`${sagaId} on ${on} while on ${holder}`);
                }
                running.set(sagaId, on);
                ranOn.add(on);
                await sleep(20);
                ledger.apply(idempotencyKey);
                if (on === "a" && (stepsOnA += 1) === 10) {
                  a.crash();
                  return never;
                }
                running.delete(sagaId);
                return step;
              },
            })),
          });
        const onA = await runner(a, [definition("a")], { concurrency: 3 });
        await runner(b, [definition("b")], { concurrency: 3 });
        const ids = Array.from({ length: 20 }, (_, index) => `s${String(index)}`);
        for (const id of ids) await onA.start(definition("a"), id, { amount: 1 });

        const observer = await createSagaRunner({ db: b.db, boss: b.boss, sagas: [] });
        const states = await Promise.all(
          ids.map((id) => observer.waitFor(id, { timeoutMs: 50_000 })),
        );

        expect(a.crashed).toBe(true);
        expect([...ranOn].sort()).toEqual(["a", "b"]);
        expect(states.map((state) => state?.status)).toEqual(ids.map(() => "COMPLETED"));
        expect(overlaps).toEqual([]);
        expect(ledger.effects).toHaveLength(ids.length * 3);
      },
    );
  });
}
