// Builds every module's service from the platform's dependencies: the generated ones, then those of
// src/extensions.ts, which get the same dependencies and the generated services. `npx plop entity`
// adds each entity's service at the markers below; the composition root (app.ts) calls this once.
import type { Registry } from "prom-client";
import { createExtensionServices } from "./extensions.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import type { Clock } from "./platform/clock.js";
import type { Config } from "./platform/config.js";
import type { Database } from "./platform/db/database.js";
import { withExtensionServices } from "./platform/extensions.js";
import type { Logger } from "./platform/logger.js";
import { createSystemService, type ServiceInfo } from "./modules/system/system.service.js";
// plop:service-imports

export interface ServiceDeps {
  prisma: PrismaClient;
  /**
   * Raw SQL sessions, for what Prisma Client does not express, and the connection for a library
   * that speaks to the database itself.
   */
  database: Database;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** The registry /metrics serves: a service's own metrics register here. */
  metricsRegistry: Registry;
  info: ServiceInfo;
}

function createGeneratedServices(deps: ServiceDeps) {
  return {
    system: createSystemService(deps),
    // plop:services
  };
}

export type GeneratedServices = ReturnType<typeof createGeneratedServices>;

export function createServices(deps: ServiceDeps) {
  const generated = createGeneratedServices(deps);
  return withExtensionServices(generated, createExtensionServices(deps, generated));
}

export type Services = ReturnType<typeof createServices>;
