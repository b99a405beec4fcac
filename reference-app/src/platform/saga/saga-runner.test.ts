import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../../../test/support/database.js";
import {
  openSagaDatabase,
  type Instance,
  type SagaDatabase,
} from "../../../test/support/saga-database.js";
import { defineSaga, FinalStepError, type SagaStep } from "./saga.js";
import { claimSaga, findSaga, insertSaga, releaseSaga, type SqlClient } from "./saga-store.js";
import { sagaTable } from "./saga-table.js";
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

    it("fences a step's write: a run whose saga was taken over can write nothing more", async () => {
      await database.prisma.$executeRawUnsafe(
        `CREATE TABLE IF NOT EXISTS "FenceMark" ("saga" TEXT NOT NULL, "run" TEXT NOT NULL)`,
      );
      const instance = await database.instance();
      const outcomes: string[] = [];
      const write = (sagaId: string, fence: (tx: SqlClient) => Promise<void>, run: string) =>
        instance.db
          .$transaction(async (tx) => {
            await fence(tx);
            await tx.$queryRawUnsafe(
              `INSERT INTO "FenceMark" ("saga", "run") VALUES ($1, $2) RETURNING "saga"`,
              sagaId,
              run,
            );
          })
          .then(
            () => outcomes.push(`${run} wrote`),
            (error: unknown) => outcomes.push(`${run} refused: ${(error as Error).name}`),
          );
      const saga = defineSaga<Input>({
        name: uniqueName("fence"),
        steps: [
          {
            name: "write",
            async run({ sagaId, fence }) {
              await write(sagaId, fence, "owner");
              // Another run takes the saga over, as after this run's lease ran out.
              await database.prisma.$executeRawUnsafe(
                `UPDATE "Saga" SET "owner" = 'successor' WHERE "id" = $1`,
                sagaId,
              );
              await write(sagaId, fence, "former owner");
              return null;
            },
          },
        ],
      });
      const sagas = await runner(instance, [saga]);

      await sagas.start(saga, "s1", { amount: 1 });
      await sagas.waitFor("s1", { timeoutMs: 2_000 });

      expect(outcomes).toEqual(["owner wrote", "former owner refused: SagaOwnershipLost"]);
      const marks = await database.prisma.$queryRawUnsafe<{ run: string }[]>(
        `SELECT "run" FROM "FenceMark" WHERE "saga" = 's1'`,
      );
      expect(marks.map((mark) => mark.run)).toEqual(["owner"]);
      await database.prisma.$executeRawUnsafe(`DROP TABLE "FenceMark"`);
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

    /** The saga's pg-boss jobs (the runner's queue per saga, keyed by the saga's id). */
    const jobsOf = (instance: Instance, name: string, id: string) =>
      instance.boss.findJobs<{ id: string }>(`saga.${name}`, { key: id });

    /** Reads until `done` holds of what it read, and returns that; fails after `timeoutMs`. */
    async function until<T>(
      read: () => Promise<T>,
      done: (value: T) => boolean,
      timeoutMs = 20_000,
    ): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await read();
        if (done(value)) return value;
        if (Date.now() >= deadline) throw new Error(`still ${JSON.stringify(value)}`);
        await sleep(50);
      }
    }

    it(
      "drives a saga started for its caller at once, and its job, a lease later, finds nothing left to do",
      { timeout: 30_000 },
      async () => {
        const ledger = createLedger();
        const saga = defineSaga<Input>({ name: uniqueName("caller"), steps: steps(ledger) });
        const instance = await database.instance();
        const sagas = await runner(instance, [saga]);

        await sagas.start(saga, "s1", { amount: 5 }, { driver: "caller" });
        const [waiting] = await jobsOf(instance, saga.name, "s1");
        const state = await sagas.drive("s1");
        const [job] = await until(
          () => jobsOf(instance, saga.name, "s1"),
          ([found]) => found?.state === "completed",
        );

        expect(state).toMatchObject({ status: "COMPLETED", step: 3 });
        // The job was held back a lease (2 s) for the caller.
        expect(waiting?.state).toBe("created");
        expect((waiting?.startAfter.getTime() ?? 0) - (waiting?.createdOn.getTime() ?? 0)).toBe(
          2_000,
        );
        expect(job?.retryCount).toBe(0);
        expect([...ledger.calls]).toEqual([
          ["s1:reserve", 1],
          ["s1:charge", 1],
          ["s1:ship", 1],
        ]);
      },
    );

    it("deletes the job of a saga its caller drove to its end, given the job's id", async () => {
      const ledger = createLedger();
      const saga = defineSaga<Input>({ name: uniqueName("caller-job"), steps: steps(ledger) });
      const instance = await database.instance();
      const sagas = await runner(instance, [saga]);

      const { jobId } = await sagas.start(saga, "s1", { amount: 5 }, { driver: "caller" });
      const queued = await jobsOf(instance, saga.name, "s1");
      const state = await sagas.drive("s1", { jobId });

      expect(state?.status).toBe("COMPLETED");
      expect(queued.map((job) => job.id)).toEqual([jobId]);
      expect(await jobsOf(instance, saga.name, "s1")).toEqual([]);
      expect(ledger.effects).toEqual(["s1:reserve", "s1:charge", "s1:ship"]);
    });

    it("answers drive() on a finished saga with it, without running a step, and on an unknown one with undefined", async () => {
      const ledger = createLedger();
      const saga = defineSaga<Input>({ name: uniqueName("driven"), steps: steps(ledger) });
      const sagas = await runner(await database.instance(), [saga]);
      await sagas.start(saga, "s1", { amount: 5 }, { driver: "caller" });
      const first = await sagas.drive("s1");

      const again = await sagas.drive("s1");

      expect(again).toEqual(first);
      expect(again?.status).toBe("COMPLETED");
      expect([...ledger.calls.values()]).toEqual([1, 1, 1]);
      expect(await sagas.drive("unknown")).toBeUndefined();
    });

    it(
      "fails a job whose saga another run holds, and tries it again until it finishes the saga",
      { timeout: 30_000 },
      async () => {
        const ledger = createLedger();
        const saga = defineSaga<Input>({ name: uniqueName("busy"), steps: steps(ledger) });
        const instance = await database.instance();
        const sagas = await createSagaRunner({
          db: instance.db,
          boss: instance.boss,
          sagas: [saga],
          ...fast,
        });
        runners.push(sagas);
        await sagas.start(saga, "s1", { amount: 5 });
        // Another run holds the saga, with a lease far longer than this test.
        expect(await claimSaga(database.prisma, "s1", "elsewhere/run", 600)).toMatchObject({
          owner: "elsewhere/run",
        });

        await sagas.startWorker();
        const [retried] = await until(
          () => jobsOf(instance, saga.name, "s1"),
          ([job]) => (job?.retryCount ?? 0) >= 1,
        );
        const untouched = await sagas.get("s1");
        await releaseSaga(database.prisma, "s1", "elsewhere/run");
        const state = await sagas.waitFor("s1", { timeoutMs: 20_000 });
        const [job] = await until(
          () => jobsOf(instance, saga.name, "s1"),
          ([found]) => found?.state === "completed",
        );

        expect(retried?.state).not.toBe("completed");
        expect(untouched).toMatchObject({ status: "RUNNING", step: 0, owner: "elsewhere/run" });
        expect(state?.status).toBe("COMPLETED");
        expect(job?.retryCount).toBeGreaterThanOrEqual(1);
        expect(ledger.effects).toEqual(["s1:reserve", "s1:charge", "s1:ship"]);
      },
    );

    it("runs onFailed once every completed step is undone, with the failing step and its error", async () => {
      const ledger = createLedger();
      const seen: unknown[] = [];
      const saga = defineSaga<Input>({
        name: uniqueName("on-failed"),
        steps: steps(ledger, {
          ship: { run: () => Promise.reject(new FinalStepError("no carrier for that address")) },
        }),
        async onFailed({ sagaId, input, reason, results }) {
          const state = await findSaga(database.prisma, sagaId);
          seen.push({
            reason,
            input,
            results,
            undone: [...ledger.effects],
            status: state?.status,
            inFlight: state?.inFlight,
          });
        },
      });
      const sagas = await runner(await database.instance(), [saga]);

      await sagas.start(saga, "s1", { amount: 5 });
      const state = await sagas.waitFor("s1");

      expect(seen).toEqual([
        {
          reason: "ship: no carrier for that address",
          input: { amount: 5 },
          results: { reserve: { done: "reserve" }, charge: { done: "charge" } },
          undone: ["s1:reserve", "s1:charge", "s1:charge:compensate", "s1:reserve:compensate"],
          status: "COMPENSATING",
          inFlight: "onFailed",
        },
      ]);
      expect(state).toMatchObject({ status: "FAILED", inFlight: null });
    });

    it("tries onFailed again until it succeeds, and only then records the saga failed", async () => {
      const ledger = createLedger();
      const statuses: (string | undefined)[] = [];
      const saga = defineSaga<Input>({
        name: uniqueName("on-failed-again"),
        steps: steps(ledger, {
          charge: { run: () => Promise.reject(new FinalStepError("card declined")) },
        }),
        async onFailed({ sagaId }) {
          statuses.push((await findSaga(database.prisma, sagaId))?.status);
          if (statuses.length < 3) throw new Error("the order store is unavailable");
        },
      });
      const sagas = await runner(await database.instance(), [saga]);

      await sagas.start(saga, "s1", { amount: 5 });
      const state = await sagas.waitFor("s1");

      expect(statuses).toEqual(["COMPENSATING", "COMPENSATING", "COMPENSATING"]);
      expect(state).toMatchObject({
        status: "FAILED",
        failureReason: "charge: card declined",
        lastError: "the order store is unavailable",
      });
      expect(ledger.effects).toEqual(["s1:reserve", "s1:reserve:compensate"]);
    });

    it.each([1, 5])(
      "tries a step with maxAttempts %i that many times, whatever the runner's policy says",
      async (maxAttempts) => {
        const ledger = createLedger();
        const attempts: number[] = [];
        const saga = defineSaga<Input>({
          name: uniqueName("max-attempts"),
          steps: steps(ledger, {
            charge: {
              maxAttempts,
              run: ({ attempt }) => {
                attempts.push(attempt);
                return Promise.reject(new Error("provider timed out"));
              },
            },
          }),
        });
        // The policy allows 3.
        const sagas = await runner(await database.instance(), [saga]);

        await sagas.start(saga, "s1", { amount: 5 });
        const state = await sagas.waitFor("s1");

        expect(attempts).toEqual(Array.from({ length: maxAttempts }, (_, index) => index + 1));
        expect(state).toMatchObject({
          status: "FAILED",
          failureReason: "charge: provider timed out",
        });
        expect(ledger.effects).toEqual([
          "s1:reserve",
          "s1:charge:compensate",
          "s1:reserve:compensate",
        ]);
      },
    );

    it(
      "gives up the saga of a caller's run that stop() interrupts, so another runner's job takes it without waiting for the lease",
      { timeout: 60_000 },
      async () => {
        const ledger = createLedger();
        const name = uniqueName("handover");
        let reportStarted: () => void = () => undefined;
        const started = new Promise<void>((resolve) => {
          reportStarted = resolve;
        });
        /** On `blocking`, the charge waits until its run is stopped. */
        const definition = (blocking: boolean) =>
          defineSaga<Input>({
            name,
            steps: steps(ledger, {
              charge: {
                async run({ idempotencyKey, signal }) {
                  if (blocking) {
                    reportStarted();
                    await new Promise((_, reject) => {
                      signal.addEventListener("abort", () => {
                        reject(signal.reason as Error);
                      });
                    });
                  }
                  ledger.apply(idempotencyKey);
                  return { done: "charge" };
                },
              },
            }),
          });
        // The caller's runner holds a saga for a minute: far longer than the test waits below.
        const callerInstance = await database.instance();
        const callers = await createSagaRunner({
          db: callerInstance.db,
          boss: callerInstance.boss,
          sagas: [definition(true)],
          ...fast,
          leaseSeconds: 60,
        });
        runners.push(callers);
        const other = await runner(await database.instance(), [definition(false)]);

        // Started for its caller, with the other runner's lease: its job waits 2 s, not a minute.
        await other.start(definition(false), "s1", { amount: 5 }, { driver: "caller" });
        const driven = callers.drive("s1");
        await started;
        await callers.stop({ timeoutMs: 5_000 });
        const released = await other.get("s1");
        const state = await other.waitFor("s1", { timeoutMs: 30_000 });

        await expect(driven).rejects.toThrow("the saga runner is stopping");
        expect(released).toMatchObject({
          status: "RUNNING",
          step: 1,
          inFlight: "charge",
          owner: null,
          leaseExpiresAt: null,
        });
        expect(state?.status).toBe("COMPLETED");
        expect(ledger.effects).toEqual(["s1:reserve", "s1:charge", "s1:ship"]);
      },
    );

    it("sends a job, when it recovers, for each unfinished saga of its own that no run holds and that has none", async () => {
      const ledger = createLedger();
      const saga = defineSaga<Input>({ name: uniqueName("recover"), steps: steps(ledger) });
      const instance = await database.instance();
      // No worker: the jobs stay in the queue for the test to read.
      const sagas = await createSagaRunner({
        db: instance.db,
        boss: instance.boss,
        sagas: [saga],
        ...fast,
      });
      runners.push(sagas);
      const sql = database.prisma;
      const insert = (id: string, name = saga.name) => insertSaga(sql, { id, name, input: {} });
      await insert("free");
      await insert("held");
      await claimSaga(sql, "held", "elsewhere/run", 600);
      await insert("lapsed");
      await claimSaga(sql, "lapsed", "dead/run", 600);
      await sql.$executeRawUnsafe(
        `UPDATE ${sagaTable} SET "leaseExpiresAt" = CURRENT_TIMESTAMP - interval '1 second' WHERE "id" = 'lapsed'`,
      );
      await insert("finished");
      await sql.$executeRawUnsafe(
        `UPDATE ${sagaTable} SET "status" = 'COMPLETED', "finishedAt" = CURRENT_TIMESTAMP WHERE "id" = 'finished'`,
      );
      await insert("foreign", uniqueName("another-saga"));
      await sagas.start(saga, "queued", { amount: 1 });

      const sent = await sagas.recover();
      const jobs = Object.fromEntries(
        await Promise.all(
          ["free", "held", "lapsed", "finished", "foreign", "queued"].map(
            async (id) => [id, (await jobsOf(instance, saga.name, id)).length] as const,
          ),
        ),
      );

      expect(sent).toBe(2);
      expect(jobs).toEqual({ free: 1, held: 0, lapsed: 1, finished: 0, foreign: 0, queued: 1 });
      expect(await sagas.recover()).toBe(0);
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
