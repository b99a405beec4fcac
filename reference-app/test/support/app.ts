// Builders for tests: a configuration, a logger whose lines can be read back, the app's services
// on a test database, and an app on the run's shared test database.
import { Writable } from "node:stream";
import type { AnyTRPCRouter } from "@trpc/server";
import { Registry } from "prom-client";
import { createApp, type App } from "../../src/app.js";
import type { ServiceInfo } from "../../src/modules/system/system.service.js";
import { systemClock, type Clock } from "../../src/platform/clock.js";
import { loadConfig, type Config } from "../../src/platform/config.js";
import type { Database } from "../../src/platform/db/database.js";
import { createLogger, type Logger } from "../../src/platform/logger.js";
import { createServices, type Services } from "../../src/services.js";
import { testDatabase, type DatabaseKind } from "./database.js";

export function buildConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PORT: "0", ...env });
}

/** Every service, generated and hand-written, as createApp builds them, on `database`. */
export function buildServices(
  database: Database,
  options: { clock?: Clock; info?: ServiceInfo } = {},
): Services {
  const config = buildConfig();
  return createServices({
    prisma: database.prisma,
    database,
    clock: options.clock ?? systemClock,
    logger: createLogger(config),
    config,
    metricsRegistry: new Registry(),
    info: options.info ?? { name: "test", version: "0.0.0" },
  });
}

export interface CapturedLogger {
  logger: Logger;
  lines(): Record<string, unknown>[];
}

export function captureLogger(level: Config["logLevel"] = "info"): CapturedLogger {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: createLogger({ logLevel: level }, stream),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** The app on the run's shared test database, with its workers started, as start.ts runs it. */
export async function buildApp(
  options: {
    kind?: DatabaseKind;
    env?: Record<string, string>;
    logger?: Logger;
    router?: AnyTRPCRouter;
  } = {},
): Promise<App> {
  const config = buildConfig(options.env);
  const app = await createApp({
    config,
    logger: options.logger ?? createLogger(config),
    database: await testDatabase(options.kind ?? "pglite"),
    ...(options.router === undefined ? {} : { router: options.router }),
  });
  try {
    await app.startWorkers();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
