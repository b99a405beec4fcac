// What hand-written code adds to the service through src/extensions.ts, beside the generated
// modules: services, tRPC procedures merged into the app router, health checks and background
// workers. `defineExtensions` (from src/trpc.ts) fills in what a project leaves out; app.ts runs
// the rest: health checks on /health, workers started after the migrations and stopped on
// shutdown before the database closes. The services' type is a parameter: the platform knows no
// application.
import type { AnyTRPCRouter } from "@trpc/server";
import type { HealthCheck, HealthCheckEntry } from "./http-server.js";
import type { Logger } from "./logger.js";

/** Work beside the requests (a queue consumer, a recovery loop) for the app's lifetime. */
export interface Worker {
  /** Names the worker in the logs. */
  name: string;
  /** Called once the database is migrated, before the server takes requests. */
  start(): Promise<void> | void;
  /** Called on shutdown, after the server's last answer and before the database closes. */
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
  /** Started in order after the migrations, stopped in reverse order on shutdown. */
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

/** A started set of workers: `stop` stops them in reverse order, each even if another fails. */
export interface RunningWorkers {
  stop(): Promise<void>;
}

/**
 * Starts the workers in order. When one fails to start, those already started are stopped and the
 * error is thrown: the service does not start half-equipped.
 */
export async function startWorkers(workers: readonly Worker[], logger: Logger): Promise<RunningWorkers> {
  const started: Worker[] = [];
  const stopAll = async () => {
    const failures: unknown[] = [];
    for (const worker of [...started].reverse()) {
      try {
        await worker.stop();
        logger.info({ worker: worker.name }, "worker stopped");
      } catch (error) {
        failures.push(error);
        logger.error({ err: error, worker: worker.name }, "a worker failed to stop");
      }
    }
    started.length = 0;
    if (failures.length > 0) throw new AggregateError(failures, "workers failed to stop");
  };
  for (const worker of workers) {
    try {
      await worker.start();
    } catch (error) {
      logger.error({ err: error, worker: worker.name }, "a worker failed to start");
      await stopAll().catch(() => undefined);
      throw error;
    }
    started.push(worker);
    logger.info({ worker: worker.name }, "worker started");
  }
  return { stop: stopAll };
}
