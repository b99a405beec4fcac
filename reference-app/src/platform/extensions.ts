// What hand-written code adds to the service through src/extensions.ts, beside the generated
// modules: services, tRPC procedures merged into the app router, health checks and background
// workers. `defineExtensions` (from src/trpc.ts) fills in what a project leaves out; app.ts runs
// the rest: health checks on /health, workers prepared while the migrations run, started after
// them and stopped on shutdown before the database closes. The services' type is a parameter:
// the platform knows no application.
import type { AnyTRPCRouter } from "@trpc/server";
import type { HealthCheck, HealthCheckEntry } from "./http-server.js";
import type { Logger } from "./logger.js";

/** Work beside the requests (a queue consumer, a recovery loop) for the app's lifetime. */
export interface Worker {
  /** Names the worker in the logs. */
  name: string;
  /**
   * Optional: connects to what the worker needs and sets up what is its own (a broker, a job
   * queue's tables), so that start() has little left to do. On PostgreSQL it runs while the
   * migrations run, so it must not touch the service's tables; on PGlite, whose one session the
   * migrations hold, it runs after them.
   */
  prepare?(): Promise<void> | void;
  /** Called once the database is migrated, before the server takes requests. */
  start(): Promise<void> | void;
  /**
   * Called on shutdown, after the server's last answer and before the database closes; also when
   * the service fails to start after prepare() or start() ran.
   */
  stop(): Promise<void> | void;
}

export interface ExtensionsInput<TServices, TRouter extends AnyTRPCRouter> {
  /**
   * Procedures merged into the app router. A namespace the generated router has gains them beside
   * its own: `router({ order: { place } })` serves `order.place` next to `order.get`.
   */
  router?: TRouter;
  /**
   * More checks for /health, by name. `{ check, critical: false }` marks one that degrades /health
   * without failing it (an external provider whose outage the service survives).
   */
  healthChecks?: (services: TServices) => Record<string, HealthCheck | HealthCheckEntry>;
  /**
   * Prepared while the migrations run, started in order after them, stopped in reverse order on
   * shutdown.
   */
  workers?: (services: TServices) => Worker[];
}

export interface Extensions<TServices, TRouter extends AnyTRPCRouter> {
  router: TRouter;
  healthChecks: (services: TServices) => Record<string, HealthCheck | HealthCheckEntry>;
  workers: (services: TServices) => Worker[];
}

/**
 * The generated services with the hand-written ones beside them; a name both use is refused rather
 * than silently replaced.
 */
export function withExtensionServices<TGenerated extends object, TExtension extends object>(
  generated: TGenerated,
  extension: TExtension,
): TGenerated & TExtension {
  const taken = Object.keys(extension).filter((name) => Object.hasOwn(generated, name));
  if (taken.length > 0) {
    throw new Error(
      `src/extensions.ts: the service names ${taken.join(", ")} are taken by generated services`,
    );
  }
  return { ...generated, ...extension };
}

/** The workers of a service through its life. */
export interface WorkerGroup {
  /**
   * Calls each worker's prepare(), in order. When one fails, those prepared are stopped and the
   * error is thrown.
   */
  prepare(): Promise<void>;
  /**
   * Prepares those not prepared yet, then starts the workers in order. When one fails, every
   * worker prepared or started is stopped and the error is thrown: the service does not start
   * half-equipped.
   */
  start(): Promise<void>;
  /** Stops every worker prepared or started, in reverse order, each even if another fails. */
  stop(): Promise<void>;
}

export function workerGroup(workers: readonly Worker[], logger: Logger): WorkerGroup {
  /** The workers whose prepare() or start() ran, in order: those that stop() stops. */
  const active: Worker[] = [];
  let phase: "new" | "prepared" | "started" = "new";

  const stop = async () => {
    phase = "new";
    const failures: unknown[] = [];
    for (const worker of active.splice(0).reverse()) {
      try {
        await worker.stop();
        logger.info({ worker: worker.name }, "worker stopped");
      } catch (error) {
        failures.push(error);
        logger.error({ err: error, worker: worker.name }, "a worker failed to stop");
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, "workers failed to stop");
  };
  /** Runs a step of a worker, which stop() then stops; when the step fails, stops all, throws. */
  const run = async (worker: Worker, step: "prepare" | "start") => {
    if (!active.includes(worker)) active.push(worker);
    try {
      await (step === "prepare" ? worker.prepare?.() : worker.start());
    } catch (error) {
      logger.error({ err: error, worker: worker.name }, `a worker failed to ${step}`);
      await stop().catch(() => undefined);
      throw error;
    }
  };
  const prepare = async () => {
    if (phase !== "new") return;
    for (const worker of workers) if (worker.prepare !== undefined) await run(worker, "prepare");
    phase = "prepared";
  };

  return {
    prepare,
    async start() {
      await prepare();
      if (phase === "started") return;
      for (const worker of workers) {
        await run(worker, "start");
        logger.info({ worker: worker.name }, "worker started");
      }
      phase = "started";
    },
    stop,
  };
}
