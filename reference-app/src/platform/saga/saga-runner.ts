// Drives sagas (saga.ts) to their end and records every transition in the saga table, so that a
// crash at any point leaves a state another run resumes from. Starting a saga records its row and
// sends one pg-boss job for it, in the same transaction. Two things may then drive it:
//   - the caller, at once, in its own process (`drive`), when it wants the outcome without waiting
//     for a worker to poll; the job then waits a lease before it runs, as a backstop;
//   - the job, on a worker of any instance: at once for a saga started for the workers, or when the
//     caller's process died and its lease ran out.
// One run drives a saga at a time: a run claims the saga's lease (saga-store.ts) and renews it while
// it works, a second run finds it busy, and a run whose lease was taken over can write nothing
// more. The queue admits one job per saga (`exclusive` policy keyed by the saga's id); a job that
// finds its saga busy fails and pg-boss tries it again later, so every unfinished saga keeps a job
// until it ends. See docs/saga.md.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { fromPrisma, type PgBoss } from "pg-boss";
import { Counter, type Registry } from "prom-client";
import type { Logger } from "../logger.js";
import { sharedMetric } from "../metrics.js";
import { FinalStepError, type SagaDefinition } from "./saga.js";
import {
  claimSaga,
  fenceSaga,
  findSaga,
  insertSaga,
  releaseSaga,
  renewLease,
  SagaOwnershipLost,
  strandedSagas,
  updateSaga,
  type SagaChanges,
  type SagaState,
  type SqlClient,
} from "./saga-store.js";

export type { SagaState, SagaStatus } from "./saga-store.js";

/** A Prisma client: raw queries, and interactive transactions that hand out a client of their own. */
export interface TransactionalSqlClient extends SqlClient {
  $transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}

export interface RetryPolicy {
  /** Attempts of a step before the saga compensates; compensations are tried until they succeed. */
  maxAttempts: number;
  /** The wait after the first failed attempt; it doubles after each one (with jitter). */
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface SagaRunnerOptions {
  db: TransactionalSqlClient;
  /** A started pg-boss, on the same database. */
  boss: PgBoss;
  sagas: readonly SagaDefinition<never>[];
  /** Names this instance in the `owner` of the sagas it drives. */
  instanceId?: string;
  logger?: Pick<Logger, "info" | "warn" | "error">;
  registry?: Registry;
  /**
   * How long one run of a saga may last before pg-boss takes it for dead and starts it again (on
   * any instance): the longest a crashed instance's saga waits, plus pg-boss's supervision interval.
   */
  leaseSeconds?: number;
  retry?: Partial<RetryPolicy>;
  /** Sagas this instance drives at once. */
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

export interface StartOptions {
  /** The caller's open transaction: the saga exists only if it commits. */
  tx?: SqlClient;
  /**
   * Who drives the saga first: a worker, as soon as one polls (the default), or the caller, who
   * calls `drive` once the transaction has committed; its job then waits a lease before it runs.
   */
  driver?: "worker" | "caller";
}

export type SagaRunner = Awaited<ReturnType<typeof createSagaRunner>>;

const defaultRetry: RetryPolicy = { maxAttempts: 3, initialDelayMs: 200, maxDelayMs: 10_000 };

interface SagaJob {
  id: string;
}

/** Creates the sagas' queues (before any transaction needs them) and returns the runner. */
export async function createSagaRunner(options: SagaRunnerOptions) {
  const { db, boss, sagas, logger, registry } = options;
  const instanceId = options.instanceId ?? randomUUID();
  const leaseSeconds = options.leaseSeconds ?? 60;
  const retry = { ...defaultRetry, ...options.retry };
  const byName = new Map(sagas.map((saga) => [saga.name, saga]));
  const metrics = registry === undefined ? undefined : sagaMetrics(registry);
  const stopping = new AbortController();
  const workers: { queue: string; id: string }[] = [];

  const queueOf = (name: string) => `saga.${name}`;
  const queue = {
    policy: "exclusive" as const,
    expireInSeconds: leaseSeconds,
    // A run that fails (its saga is held by a run that may have died, its database went away) is
    // tried again within a second or two: a dead run's saga is taken soon after its lease ends,
    // and a waiting job holds no worker meanwhile.
    retryLimit: 1_000_000,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: Math.min(2, leaseSeconds),
  };
  for (const saga of sagas) {
    // Both calls also load the queue into pg-boss's cache: sending into a caller's transaction must
    // not query the database beside it (on PGlite, that would wait for the transaction forever).
    await boss.createQueue(queueOf(saga.name), queue);
    const { policy: _fixed, ...settings } = queue;
    await boss.updateQueue(queueOf(saga.name), settings);
  }

  async function start<Input>(
    saga: SagaDefinition<Input>,
    id: string,
    input: Input,
    { tx, driver = "worker" }: StartOptions = {},
  ): Promise<{ started: boolean; jobId?: string }> {
    if (!byName.has(saga.name)) throw new Error(`Saga ${saga.name} is not one of this runner's`);
    const begin = async (sql: SqlClient) => {
      const started = await insertSaga(sql, { id, name: saga.name, input });
      if (!started) return { started };
      const jobId = await boss.send(queueOf(saga.name), { id } satisfies SagaJob, {
        singletonKey: id,
        // The caller drives it first; the job is the backstop should the caller's process die.
        ...(driver === "caller" ? { startAfter: leaseSeconds } : {}),
        db: fromPrisma(sql),
      });
      return jobId === null ? { started } : { started, jobId };
    };
    return tx === undefined ? db.$transaction(begin) : begin(tx);
  }

  /**
   * Claims the saga and walks it to its end: its final state, "busy" while another run holds it,
   * or undefined when it has finished already or does not exist.
   */
  async function run(id: string, outer: AbortSignal): Promise<SagaState | "busy" | undefined> {
    const owner = `${instanceId}/${randomUUID()}`;
    const claimed = await claimSaga(db, id, owner, leaseSeconds);
    if (claimed === undefined || claimed === "busy") return claimed;
    const saga = byName.get(claimed.name);
    if (saga === undefined) {
      await releaseSaga(db, id, owner);
      throw new Error(`Saga ${id} is a ${claimed.name}, which is not one of this runner's`);
    }
    let state: SagaState = claimed;
    // The heartbeat keeps the lease while a step runs longer than a lease; when it finds the saga
    // taken over, it stops this run.
    const lost = new AbortController();
    const signal = AbortSignal.any([outer, lost.signal]);
    const heartbeat = setInterval(
      () => {
        renewLease(db, id, owner, leaseSeconds).catch((error: unknown) => {
          if (error instanceof SagaOwnershipLost) lost.abort(error);
        });
      },
      (leaseSeconds * 1000) / 3,
    );
    heartbeat.unref();
    const update = async (changes: SagaChanges) => {
      state = await updateSaga(db, id, owner, leaseSeconds, changes);
      return state;
    };
    try {
      const fence = (tx: SqlClient) => fenceSaga(tx, id, owner);
      await walk(saga, () => state, update, signal, fence);
      return state;
    } catch (error) {
      // Stopped, not failed: give the saga up, so that a job takes it without waiting for the lease.
      if (outer.aborted && !lost.signal.aborted) {
        await releaseSaga(db, id, owner).catch(() => undefined);
      }
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function walk(
    saga: SagaDefinition<never>,
    current: () => SagaState,
    update: (changes: SagaChanges) => Promise<SagaState>,
    signal: AbortSignal,
    fence: (tx: SqlClient) => Promise<void>,
  ): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const state = current();
      const { id } = state;
      if (state.status === "RUNNING") {
        const step = saga.steps[state.step];
        if (step === undefined) {
          await update({ status: "COMPLETED", finished: true });
          finish(saga, current());
          return;
        }
        const attempt = state.attempts + 1;
        await update({ inFlight: step.name, attempts: attempt });
        try {
          const output = await step.run({
            ...context(state, signal, fence),
            idempotencyKey: `${id}:${step.name}`,
            attempt,
          });
          await update({
            result: { step: step.name, output },
            step: state.step + 1,
            inFlight: null,
            attempts: 0,
            lastError: null,
          });
        } catch (error) {
          signal.throwIfAborted();
          if (error instanceof SagaOwnershipLost) throw error;
          const reason = messageOf(error);
          metrics?.failures.inc({ saga: saga.name, step: step.name });
          const retryable = (step.retryable ?? isRetryable)(error);
          if (retryable && attempt < (step.maxAttempts ?? retry.maxAttempts)) {
            logger?.warn(
              { saga: saga.name, id, step: step.name, attempt, err: error },
              "saga step failed, retrying",
            );
            await update({ inFlight: null, lastError: reason });
            await sleep(backoff(attempt), undefined, { signal });
            continue;
          }
          logger?.warn(
            { saga: saga.name, id, step: step.name, attempt, err: error },
            "saga step failed, compensating",
          );
          // After any failure but a FinalStepError the step's outcome is unknown: it is undone too.
          await update({
            status: "COMPENSATING",
            step: retryable ? state.step + 1 : state.step,
            inFlight: null,
            attempts: 0,
            lastError: reason,
            failureReason: `${step.name}: ${reason}`,
          });
        }
        continue;
      }
      const index = state.step - 1 - state.compensated;
      const step = saga.steps[index];
      if (step !== undefined && step.compensate === undefined) {
        await update({ compensated: state.compensated + 1 });
        continue;
      }
      const attempt = state.attempts + 1;
      const what = step === undefined ? "onFailed" : `${step.name}:compensate`;
      await update({ inFlight: what, attempts: attempt });
      try {
        if (step === undefined) {
          await saga.onFailed?.({
            ...context(state, signal, fence),
            reason: state.failureReason ?? "unknown",
          });
          await update({ status: "FAILED", inFlight: null, finished: true });
          finish(saga, current());
          return;
        }
        await step.compensate?.({
          ...context(state, signal, fence),
          idempotencyKey: `${id}:${step.name}:compensate`,
          attempt,
          result: state.results[step.name],
        });
        await update({ compensated: state.compensated + 1, inFlight: null, attempts: 0 });
      } catch (error) {
        signal.throwIfAborted();
        if (error instanceof SagaOwnershipLost) throw error;
        metrics?.failures.inc({ saga: saga.name, step: what });
        logger?.error(
          { saga: saga.name, id, step: what, attempt, err: error },
          "saga compensation failed, retrying",
        );
        await update({ inFlight: null, lastError: messageOf(error) });
        await sleep(backoff(attempt), undefined, { signal });
      }
    }
  }

  function context(state: SagaState, signal: AbortSignal, fence: (tx: SqlClient) => Promise<void>) {
    return { sagaId: state.id, input: state.input as never, results: state.results, signal, fence };
  }

  function finish(saga: SagaDefinition<never>, state: SagaState) {
    metrics?.finished.inc({ saga: saga.name, status: state.status });
    logger?.info({ saga: saga.name, id: state.id, status: state.status }, "saga finished");
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  /**
   * Sends a job for every unfinished saga that no run holds and that has no job (the queue refuses
   * a second one): a saga whose job was lost is driven again all the same.
   */
  async function recover(): Promise<number> {
    let sent = 0;
    for (const saga of sagas) {
      for (const id of await strandedSagas(db, saga.name)) {
        const job = await boss.send(queueOf(saga.name), { id } satisfies SagaJob, {
          singletonKey: id,
        });
        if (job !== null) sent += 1;
      }
    }
    if (sent > 0) logger?.info({ sent }, "unfinished sagas sent to their queues again");
    return sent;
  }

  const driving = new Set<Promise<unknown>>();
  let sweep: NodeJS.Timeout | undefined;

  function track<T>(work: Promise<T>): Promise<T> {
    driving.add(work);
    void work.catch(() => undefined).finally(() => driving.delete(work));
    return work;
  }

  return {
    instanceId,
    start,
    get: (id: string) => findSaga(db, id),
    /**
     * Drives a saga started with `driver: "caller"` in this process now, deletes its backstop job
     * once it has finished (given the `jobId` that `start` returned), and resolves with its final
     * state (at once for a saga that has finished); with undefined when another run holds it or
     * there is no such saga. Rejects when the
     * run is interrupted (shutdown, lost lease, database error): the saga's job finishes it later.
     */
    drive(id: string, { jobId }: { jobId?: string } = {}): Promise<SagaState | undefined> {
      return track(
        (async () => {
          // Claimed at once, without reading it first: this is every order's path.
          const outcome = await run(id, stopping.signal);
          if (outcome === "busy") return undefined;
          if (outcome === undefined) return findSaga(db, id);
          // Finished here: its backstop job (the `jobId` that `start` returned) has nothing left
          // to do, and would only wait in the queue for a worker to find that out.
          if (outcome.finishedAt !== null && jobId !== undefined) {
            await boss.deleteJob(queueOf(outcome.name), jobId).catch((error: unknown) => {
              logger?.warn({ err: error, id }, "could not delete a finished saga's job");
            });
          }
          return outcome;
        })(),
      );
    },
    /** Resolves with the saga once it has finished, or with its state when `timeoutMs` runs out. */
    async waitFor(id: string, { timeoutMs = 10_000, pollMs = 50 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await findSaga(db, id);
        if (state?.finishedAt !== null || Date.now() >= deadline) return state;
        await sleep(pollMs);
      }
    },
    recover,
    /**
     * Starts driving this runner's sagas from their jobs, after sending a job for any that lost
     * theirs; and sends such jobs again every lease.
     */
    async startWorker() {
      await recover();
      for (const saga of sagas) {
        const name = queueOf(saga.name);
        const id = await boss.work<SagaJob>(
          name,
          {
            batchSize: 1,
            localConcurrency: options.concurrency ?? 4,
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
            // After a crash many sagas wait at once: with more ready than workers, fetch without
            // the pause between polls until the backlog is gone.
            burstWhenReadyExceeds: options.concurrency ?? 4,
          },
          async ([job]) => {
            if (job === undefined) return;
            const signal = AbortSignal.any([job.signal, stopping.signal]);
            const outcome = await track(run(job.data.id, signal)).catch((error: unknown) => {
              if (error instanceof SagaOwnershipLost) {
                logger?.warn({ id: job.data.id }, error.message);
              }
              throw error;
            });
            // Failing the job has pg-boss try it again later, here or on another instance.
            if (outcome === "busy") throw new Error(`Saga ${job.data.id} is driven by another run`);
          },
        );
        workers.push({ queue: name, id });
      }
      sweep = setInterval(() => {
        recover().catch((error: unknown) => {
          logger?.warn({ err: error }, "could not look for unfinished sagas");
        });
      }, leaseSeconds * 1000);
      sweep.unref();
    },
    /**
     * Stops taking sagas and interrupts the runs in progress, which give their sagas up: a job
     * finishes each later, here or on another instance.
     */
    async stop({ timeoutMs = 5_000 } = {}) {
      clearInterval(sweep);
      stopping.abort(new Error("the saga runner is stopping"));
      await Promise.all(workers.splice(0).map(({ queue, id }) => boss.offWork(queue, { id })));
      // A run waits for the step in flight to notice; one stuck past the timeout keeps its lease,
      // which runs out for the job to take over.
      const waited = new AbortController();
      await Promise.race([
        Promise.allSettled([...driving]),
        sleep(timeoutMs, undefined, { signal: waited.signal }).catch(() => undefined),
      ]);
      waited.abort();
    },
  };
}

function isRetryable(error: unknown): boolean {
  return !(error instanceof FinalStepError);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sagaMetrics(registry: Registry) {
  return {
    finished: sharedMetric(
      registry,
      "saga_finished_total",
      () =>
        new Counter({
          name: "saga_finished_total",
          help: "Sagas that ended, by saga and final status",
          labelNames: ["saga", "status"],
          registers: [registry],
        }),
    ),
    failures: sharedMetric(
      registry,
      "saga_step_failures_total",
      () =>
        new Counter({
          name: "saga_step_failures_total",
          help: "Failed attempts of saga steps and compensations",
          labelNames: ["saga", "step"],
          registers: [registry],
        }),
    ),
  };
}
