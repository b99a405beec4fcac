// Builds every module's service from the platform's dependencies. `npx plop entity` adds each
// entity's service at the markers below; the composition root (app.ts) calls this once.
import type { PrismaClient } from "./generated/prisma/client.js";
import type { Clock } from "./platform/clock.js";
import { createSystemService, type ServiceInfo } from "./modules/system/system.service.js";
// plop:service-imports

export interface ServiceDeps {
  prisma: PrismaClient;
  clock: Clock;
  info: ServiceInfo;
}

export function createServices(deps: ServiceDeps) {
  return {
    system: createSystemService(deps),
    // plop:services
  };
}

export type Services = ReturnType<typeof createServices>;
