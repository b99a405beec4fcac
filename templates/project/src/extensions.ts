// Your own code beside the generated modules: services, tRPC procedures, health checks and
// background workers. This file is yours: the generator wrote it once, when it created the project,
// and never writes it again (`npx plop entity` leaves it alone). What each part may hold, and an
// example: docs/architecture.md, "Hand-written code beside the generated code".
import type { GeneratedServices, ServiceDeps } from "./services.js";
import { defineExtensions } from "./trpc.js";

/** Your services, built once from the generated ones' dependencies; `ctx.services` holds both. */
export function createExtensionServices(_deps: ServiceDeps, _services: GeneratedServices) {
  return {};
}

export const extensions = defineExtensions({});
