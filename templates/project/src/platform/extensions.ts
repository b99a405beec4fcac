// What hand-written code adds to the service through src/extensions.ts, beside the generated
// modules: services, tRPC procedures merged into the app router, health checks and background
// workers. `defineExtensions` (from src/trpc.ts) fills in what a project leaves out; app.ts runs
// the rest: health checks on /health, workers started once the server listens (requests do not
// wait for them) and stopped on shutdown before the database closes. The services' type is a
// parameter: the platform knows no application.
import type { AnyTRPCRouter } from "@trpc/server";
import type { HealthCheck, HealthCheckEntry } from "./http-server.js";
import type { Logger } from "./logger.js";

/** Work beside the requests (a queue consumer, a recovery loop) for the app's lifetime. */
export interface Worker {
  /** Names the worker in the logs. */
  name: string;
  /**
   * Called once the database is migrated and the server listens: requests do not wait for it. A
   * service that requests need and that a worker starts (a job queue) makes its callers wait for
   * that start, as the saga engine of the reference app does.
   */
  start(): Promise<void> | void;
  /**
   * Called on shutdown, after the server's last answer and before the database closes; once a
   * start in progress has settled, and also for a worker whose start failed.
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
   * Started in order once the server listens, stopped in reverse order on shutdown.
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
    throw new Error(`src/extensions.ts: the service names ${taken.join(", ")} are taken by generated services`);
  }
  return { ...generated, ...extension };
}

/** The workers of a service through its life. */
export interface WorkerGroup {
  /**
   * Starts the workers in order, once; a second call waits for the first. When one fails, every
   * worker started (the failing one too) is stopped and the error is thrown: the service does not
   * run half-equipped. Does nothing once stop() was called.
   */
  start(): Promise<void>;
  /**
   * Waits for a start in progress, then stops every worker started, in reverse order, each even if
   * another fails.
   */
  stop(): Promise<void>;
}

export function workerGroup(workers: readonly Worker[], logger: Logger): WorkerGroup {
  /** The workers whose start() ran, in order: those that stop() stops. */
  const active: Worker[] = [];
  let starting: Promise<void> | undefined;
  let stopped = false;

  const stopActive = async () => {
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

  const startAll = async () => {
    for (const worker of workers) {
      if (stopped) return;
      active.push(worker);
      try {
        await worker.start();
      } catch (error) {
        logger.error({ err: error, worker: worker.name }, "a worker failed to start");
        await stopActive().catch(() => undefined);
        throw error;
      }
      logger.info({ worker: worker.name }, "worker started");
    }
  };

  return {
    start() {
      if (stopped) return Promise.resolve();
      starting ??= startAll();
      return starting;
    },
    async stop() {
      stopped = true;
      await starting?.catch(() => undefined);
      await stopActive();
    },
  };
}
