// Drives sagas (saga.ts) to their end and records every transition in the saga table, so that a
// crash at any point leaves a state another run resumes from. pg-boss carries the driving: starting
// a saga sends one job to the saga's queue, in the same transaction as its row; a worker runs the
// job, which walks the steps; a job whose process died times out and pg-boss hands it to another
// instance. The queue admits one job per saga (`exclusive` policy keyed by the saga's id), so one
// run drives a saga at a time, and a run that was taken over can write nothing more (saga-store.ts
// fences every write by the run's owner token). See docs/saga.md.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { fromPrisma, type Job, type PgBoss } from "pg-boss";
import { Counter, type Registry } from "prom-client";
import type { Logger } from "../logger.js";
import { sharedMetric } from "../metrics.js";
import { FinalStepError, type SagaDefinition } from "./saga.js";
import {
  claimSaga,
  findSaga,
  insertSaga,
  SagaOwnershipLost,
  unfinishedSagas,
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
    // A run that fails (its database went away, its process stopped) is started again, sooner at
    // first, then at most once a lease.
    retryLimit: 1_000_000,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: leaseSeconds,
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
    { tx }: StartOptions = {},
  ): Promise<{ started: boolean }> {
    if (!byName.has(saga.name)) throw new Error(`Saga ${saga.name} is not one of this runner's`);
    const begin = async (sql: SqlClient) => {
      const started = await insertSaga(sql, { id, name: saga.name, input });
      if (started) {
        await boss.send(queueOf(saga.name), { id } satisfies SagaJob, {
          singletonKey: id,
          db: fromPrisma(sql),
        });
      }
      return { started };
    };
    return tx === undefined ? db.$transaction(begin) : begin(tx);
  }

  async function drive(saga: SagaDefinition<never>, job: Job<SagaJob>): Promise<void> {
    const id = job.data.id;
    const signal = AbortSignal.any([job.signal, stopping.signal]);
    const owner = `${instanceId}/${randomUUID()}`;
    let state = await claimSaga(db, id, owner);
    const update = async (changes: SagaChanges) => {
      if (state === undefined) throw new Error("unreachable: a run updates a claimed saga");
      state = await updateSaga(db, id, owner, changes);
      return state;
    };
    while (state !== undefined) {
      signal.throwIfAborted();
      const { status } = state;
      if (status === "RUNNING") {
        const step = saga.steps[state.step];
        if (step === undefined) {
          await update({ status: "COMPLETED", finished: true });
          finish(saga, state);
          return;
        }
        const attempt = state.attempts + 1;
        await update({ inFlight: step.name, attempts: attempt });
        try {
          const output = await step.run({
            ...context(state, signal),
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
          const reason = messageOf(error);
          metrics?.failures.inc({ saga: saga.name, step: step.name });
          const retryable = (step.retryable ?? isRetryable)(error);
          if (retryable && attempt < retry.maxAttempts) {
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
          // After a retryable failure the step's outcome is unknown: it is undone too.
          await update({
            status: "COMPENSATING",
            step: retryable ? state.step + 1 : state.step,
            inFlight: null,
            attempts: 0,
            lastError: reason,
            failureReason: `${step.name}: ${reason}`,
          });
        }
      } else {
        const index = state.step - 1 - state.compensated;
        const step = saga.steps[index];
        if (step === undefined) {
          await update({ status: "FAILED", finished: true });
          finish(saga, state);
          return;
        }
        if (step.compensate === undefined) {
          await update({ compensated: state.compensated + 1 });
          continue;
        }
        const attempt = state.attempts + 1;
        await update({ inFlight: `${step.name}:compensate`, attempts: attempt });
        try {
          await step.compensate({
            ...context(state, signal),
            idempotencyKey: `${id}:${step.name}:compensate`,
            attempt,
            result: state.results[step.name],
          });
          await update({ compensated: state.compensated + 1, inFlight: null, attempts: 0 });
        } catch (error) {
          signal.throwIfAborted();
          metrics?.failures.inc({ saga: saga.name, step: `${step.name}:compensate` });
          logger?.error(
            { saga: saga.name, id, step: step.name, attempt, err: error },
            "saga compensation failed, retrying",
          );
          await update({ inFlight: null, lastError: messageOf(error) });
          await sleep(backoff(attempt), undefined, { signal });
        }
      }
    }
  }

  function context(state: SagaState, signal: AbortSignal) {
    return { sagaId: state.id, input: state.input as never, results: state.results, signal };
  }

  function finish(saga: SagaDefinition<never>, state: SagaState) {
    metrics?.finished.inc({ saga: saga.name, status: state.status });
    logger?.info({ saga: saga.name, id: state.id, status: state.status }, "saga finished");
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  /** Sends a job for every unfinished saga that has none (the queue refuses a second one). */
  async function recover(): Promise<number> {
    const ids = new Map<string, string[]>();
    for (const saga of sagas) ids.set(saga.name, await unfinishedSagas(db, [saga.name]));
    let sent = 0;
    for (const [name, list] of ids) {
      for (const id of list) {
        const job = await boss.send(queueOf(name), { id } satisfies SagaJob, { singletonKey: id });
        if (job !== null) sent += 1;
      }
    }
    if (sent > 0) logger?.info({ sent }, "unfinished sagas sent to their queues again");
    return sent;
  }

  return {
    instanceId,
    start,
    get: (id: string) => findSaga(db, id),
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
    /** Starts driving this runner's sagas, after sending a job for any that lost theirs. */
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
          },
          async ([job]) => {
            if (job === undefined) return;
            try {
              await drive(saga, job);
            } catch (error) {
              // Failing the job has pg-boss run it again later, here or on another instance.
              if (error instanceof SagaOwnershipLost)
                logger?.warn({ id: job.data.id }, error.message);
              throw error;
            }
          },
        );
        workers.push({ queue: name, id });
      }
    },
    /** Stops taking sagas and interrupts the runs in progress; pg-boss starts them again later. */
    async stop() {
      stopping.abort(new Error("the saga runner is stopping"));
      await Promise.all(workers.splice(0).map(({ queue, id }) => boss.offWork(queue, { id })));
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
