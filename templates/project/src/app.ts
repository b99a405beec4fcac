// The composition root: opens the database, applies migrations (or, with MIGRATE_ON_START=false,
// checks that none is pending), builds every service and the HTTP server from plain factory
// functions, and starts the workers of src/extensions.ts when asked. start.ts adds the process
// concerns (listen, then the workers; signals); tests call createApp directly.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { AnyTRPCRouter } from "@trpc/server";
import * as z from "zod";
import { appRouter } from "./app-router.js";
import { extensions as projectExtensions } from "./extensions.js";
import { createServices } from "./services.js";
import { systemClock, type Clock } from "./platform/clock.js";
import type { Config } from "./platform/config.js";
import { contextFactory } from "./platform/context.js";
import { migrationsDir, openDatabase, type Database } from "./platform/db/database.js";
import { migrate, MigrationError, migrationStatus } from "./platform/db/migrator.js";
import { workerGroup } from "./platform/extensions.js";
import { buildServer, type Readiness, type Server } from "./platform/http-server.js";
import type { Logger } from "./platform/logger.js";
import { createMetrics } from "./platform/metrics.js";
import { projectRoot } from "./platform/project-root.js";

export interface App {
  server: Server;
  database: Database;
  readiness: Readiness;
  /**
   * Starts the workers of src/extensions.ts, in order; start.ts calls it once the server listens,
   * so requests do not wait for them. Rejects when one fails to start, after stopping those
   * started; does nothing once close() was called.
   */
  startWorkers(): Promise<void>;
  /**
   * Stops accepting connections, waits for in-flight requests, stops the workers, then closes the
   * database.
   */
  close(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** An already open database (tests share one); otherwise the configured one is opened. */
  database?: Database;
  /** Replaces the app router (tests). */
  router?: AnyTRPCRouter;
  /** Where the migrations are (tests); prisma/migrations otherwise. */
  migrations?: string;
  /** Replaces the health checks and workers of src/extensions.ts (tests). */
  extensions?: Pick<typeof projectExtensions, "healthChecks" | "workers">;
}

export async function createApp({
  config,
  logger,
  clock = systemClock,
  database,
  router = appRouter,
  migrations = migrationsDir,
  extensions = projectExtensions,
}: AppOptions): Promise<App> {
  const version = await readServiceVersion();
  const readiness: Readiness = { migrated: false, connected: false, shuttingDown: false };
  const db =
    database ??
    (await openDatabase(config.database, {
      onConnectionError: (error) => {
        logger.warn({ err: error }, "a database connection failed while idle");
      },
    }));
  // Services are plain objects built from the database client: building one queries nothing, so
  // they exist before the migrations run.
  const metrics = createMetrics();
  const services = createServices({
    prisma: db.prisma,
    database: db,
    clock,
    logger,
    config,
    metricsRegistry: metrics.registry,
    info: { name: config.serviceName, version },
  });
  const workers = workerGroup(extensions.workers(services), logger);
  const fail = async (reason: unknown): Promise<never> => {
    if (database === undefined) await db.close();
    throw reason;
  };

  // Loading Prisma's query compiler is CPU work that needs no database: it runs while the migrator
  // waits for the database's answers. Both settle before anything else.
  const [migration, compiler] = await Promise.allSettled([
    bringUpToDate(db, { config, logger, migrations }),
    db.loadQueryCompiler(),
  ]);
  const early = [migration, compiler].find(isRejected);
  if (early !== undefined) return fail(early.reason);
  readiness.migrated = true;

  // What is left before the server may take requests overlaps: the first queries wait mostly for
  // the database, while building the HTTP server is CPU work, done on the next turn of the event
  // loop, when the queries have been sent. The server comes back in an object: a fastify instance
  // is thenable, and a promise would wait until it is ready. The workers start later, once the
  // server listens (startWorkers): the service is bound by the CPU while it starts, and what they
  // do first (a job queue's schema, finding unfinished work) would delay its first answer.
  const [warmUp, built] = await Promise.allSettled([
    db.warmUp(),
    nextTurn().then(() => ({
      server: buildServer({
        logger,
        router,
        createContext: contextFactory({
          services,
          logger,
          metrics,
          exposeErrors: config.env !== "production",
        }),
        metrics,
        trpcAdapter: config.trpcAdapter,
        readiness,
        healthChecks: { ...extensions.healthChecks(services), database: () => db.ping() },
      }),
    })),
  ]);
  if (warmUp.status === "rejected" || built.status === "rejected") {
    return fail([warmUp, built].find(isRejected)?.reason);
  }
  readiness.connected = true;
  const { server } = built.value;

  let closing: Promise<void> | undefined;
  return {
    server,
    database: db,
    readiness,
    startWorkers: () => workers.start(),
    close() {
      closing ??= (async () => {
        readiness.shuttingDown = true;
        try {
          await server.close();
        } finally {
          try {
            await workers.stop();
          } finally {
            if (database === undefined) await db.close();
          }
        }
      })();
      return closing;
    },
  };
}

function isRejected(result: PromiseSettledResult<unknown>): result is PromiseRejectedResult {
  return result.status === "rejected";
}

/**
 * The version in the project's package.json, read at start rather than built in: one number to
 * bump on release.
 */
async function readServiceVersion(): Promise<string> {
  const manifest: unknown = JSON.parse(await readFile(path.join(projectRoot, "package.json"), "utf8"));
  return z.object({ version: z.string() }).parse(manifest).version;
}

/**
 * Applies pending migrations, or with MIGRATE_ON_START=false checks that none is pending.
 */
async function bringUpToDate(
  db: Database,
  { config, logger, migrations }: { config: Config; logger: Logger; migrations: string },
): Promise<void> {
  if (config.migrateOnStart) {
    const { applied } = await db.withSession((session) => migrate(session, migrations));
    logger.info({ applied, database: db.kind }, applied.length > 0 ? "migrations applied" : "database up to date");
  } else {
    await checkMigrated(db, migrations);
    logger.info({ database: db.kind }, "database up to date (migrations are applied separately)");
  }
}

/**
 * With MIGRATE_ON_START=false a separate step migrates; serving an older schema than the code
 * expects would fail request by request, so refuse at once.
 */
async function checkMigrated(db: Database, migrations: string): Promise<void> {
  const status = await db.withSession((session) => migrationStatus(session, migrations));
  const problems = [
    ...(status.pending.length > 0 ? [`pending: ${status.pending.join(", ")}`] : []),
    ...(status.modified.length > 0 ? [`modified after they were applied: ${status.modified.join(", ")}`] : []),
    ...(status.failed.length > 0 ? [`failed: ${status.failed.join(", ")}`] : []),
  ];
  if (problems.length > 0) {
    throw new MigrationError(
      `The database is not migrated (${problems.join("; ")}); run the db:migrate script or set MIGRATE_ON_START=true`,
    );
  }
}
