// Runs the saga runner (saga-runner.ts) inside a service: a pg-boss on the service's own database,
// prepared, started and stopped as one of the service's workers (src/platform/extensions.ts), and
// the runner for the service's sagas. On PGlite, pg-boss shares the embedded database's single
// connection; on a PostgreSQL server it opens a small pool of its own, and starts while the
// service's migrations run. Services that start sagas hold the engine and reach the runner through
// it once the worker has started, before the first request.
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
  let runner: SagaRunner | undefined;
  let running = false;

  const db: TransactionalSqlClient = {
    $queryRawUnsafe: (query, ...values) => database.prisma.$queryRawUnsafe(query, ...values),
    $transaction: (fn) => database.prisma.$transaction((tx) => fn(tx as SqlClient)),
  };

  // pg-boss's own schema and the sagas' queues need none of the service's tables: on PostgreSQL
  // they are set up while the migrations run.
  async function prepare() {
    boss = openBoss(options);
    boss.on("error", (error: Error) => {
      logger.warn({ err: error }, "the saga job queue reported an error");
    });
    await boss.start();
    runner = await createSagaRunner({
      db,
      boss,
      sagas: options.sagas,
      logger,
      ...(options.registry === undefined ? {} : { registry: options.registry }),
      ...options.runner,
    });
  }

  const worker: Worker = {
    name: "saga-runner",
    prepare,
    // Finding the sagas left unfinished reads the Saga table: that waits for the migrations.
    async start() {
      if (runner === undefined) await prepare();
      await runner?.startWorker();
      running = true;
    },
    async stop() {
      running = false;
      try {
        await runner?.stop();
      } finally {
        runner = undefined;
        await boss?.stop({ graceful: true, timeout: 5_000 });
        boss = undefined;
      }
    },
  };

  return {
    worker,
    /** The runner; refused with UNAVAILABLE before the worker has started or once it has stopped. */
    get runner(): SagaRunner {
      if (runner === undefined || !running) {
        throw new AppError("UNAVAILABLE", "The saga runner is not running");
      }
      return runner;
    },
  };
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
