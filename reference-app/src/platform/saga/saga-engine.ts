// Runs the saga runner (saga-runner.ts) inside a service: a pg-boss on the service's own database,
// started and stopped as one of the service's workers (src/platform/extensions.ts), and the runner
// for the service's sagas. On PGlite, pg-boss shares the embedded database's single connection; on
// a PostgreSQL server it opens a small pool of its own. Workers start once the server listens:
// services that start sagas hold the engine and ask it for the runner, which waits for a start in
// progress, so that a request arriving meanwhile is served once pg-boss has started.
import { PgBoss, fromPglite } from "pg-boss";
import type { Registry } from "prom-client";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Worker } from "../extensions.js";
import type { SagaDefinition } from "./saga.js";
import {
  createSagaRunner,
  type SagaRunner,
  type SagaRunnerOptions,
  type TransactionalSqlClient,
} from "./saga-runner.js";
import type { SqlClient } from "./saga-store.js";

export interface SagaEngineOptions {
  database: Database;
  logger: Logger;
  registry?: Registry;
  sagas: readonly SagaDefinition<never>[];
  /** Lease, retries and worker concurrency of the runner (saga-runner.ts). */
  runner?: Pick<
    SagaRunnerOptions,
    "leaseSeconds" | "retry" | "concurrency" | "pollingIntervalSeconds"
  >;
}

export type SagaEngine = ReturnType<typeof createSagaEngine>;

export function createSagaEngine(options: SagaEngineOptions) {
  const { database, logger } = options;
  let boss: PgBoss | undefined;
  /** The runner once pg-boss has started and the sagas' queues exist; set by the worker's start. */
  let created: Promise<SagaRunner> | undefined;

  const db: TransactionalSqlClient = {
    $queryRawUnsafe: (query, ...values) => database.prisma.$queryRawUnsafe(query, ...values),
    $transaction: (fn) => database.prisma.$transaction((tx) => fn(tx as SqlClient)),
  };

  // pg-boss's start sets up its own schema (or finds it there), then the sagas' queues are created
  // and loaded into its cache.
  async function createRunner(queue: PgBoss): Promise<SagaRunner> {
    await queue.start();
    return createSagaRunner({
      db,
      boss: queue,
      sagas: options.sagas,
      logger,
      ...(options.registry === undefined ? {} : { registry: options.registry }),
      ...options.runner,
    });
  }

  const worker: Worker = {
    name: "saga-runner",
    // Starting sagas needs the runner; driving them from their jobs, and finding those left
    // unfinished (which reads the Saga table), needs its worker too.
    async start() {
      boss = openBoss(options);
      boss.on("error", (error: Error) => {
        logger.warn({ err: error }, "the saga job queue reported an error");
      });
      created = createRunner(boss);
      await (await created).startWorker();
    },
    async stop() {
      const stopping = created;
      created = undefined;
      try {
        await (await stopping?.catch(() => undefined))?.stop();
      } finally {
        await boss?.stop({ graceful: true, timeout: 5_000 });
        boss = undefined;
      }
    },
  };

  return {
    worker,
    /**
     * The runner, as soon as the worker's start has created it: a call while pg-boss starts waits
     * for it. Refused with UNAVAILABLE when the worker has not been started, failed to start, or
     * has stopped.
     */
    async runner(): Promise<SagaRunner> {
      if (created === undefined) throw unavailable();
      try {
        return await created;
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}

function unavailable(cause?: unknown): AppError {
  return new AppError(
    "UNAVAILABLE",
    "The saga runner is not running",
    cause === undefined ? {} : { cause },
  );
}

function openBoss({ database, runner }: SagaEngineOptions): PgBoss {
  const { connection } = database;
  // pg-boss notices a job whose process died (its expiry) when it supervises its queues: every
  // minute by default, a third of a lease here, so that recovery waits about a lease, not a minute
  // more.
  const supervise = Math.max(1, Math.min(60, Math.round((runner?.leaseSeconds ?? 60) / 3)));
  // The queues' counts, which tell workers to fetch without pausing when sagas wait in numbers,
  // are refreshed as often.
  const timing = {
    superviseIntervalSeconds: supervise,
    monitorIntervalSeconds: supervise,
    queueCacheIntervalSeconds: supervise,
    // Sagas use no cron schedules: pg-boss's scheduler stays off, and so do its queries at start
    // and its clock checks after.
    schedule: false,
    // Nor pg-boss's registry of instances (getInstances()), which costs three queries at start and
    // a write every 30 s: the service reports on itself through /health and /metrics.
    registerInstance: false,
  };
  return connection.kind === "postgres"
    ? new PgBoss({ connectionString: connection.url, max: 4, ...timing })
    : new PgBoss({ db: fromPglite(connection.pglite), backend: "pglite", ...timing });
}
