// This service's tRPC building blocks: `router`, the procedures, `createCallerFactory`, and
// `mergeRouters` and `defineExtensions` for src/extensions.ts, made by the platform for a context
// that carries the services of services.ts. Routers import them from here.
import { createTRPC } from "./platform/trpc.js";
import type { Services } from "./services.js";

export const { router, middleware, publicProcedure, createCallerFactory, mergeRouters, defineExtensions } =
  createTRPC<Services>();
