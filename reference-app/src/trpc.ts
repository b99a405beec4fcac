// This service's tRPC building blocks: `router`, the procedures and `createCallerFactory`, made by
// the platform for a context that carries the services of services.ts. Routers import them from
// here.
import { createTRPC } from "./platform/trpc.js";
import type { Services } from "./services.js";

export const { router, middleware, publicProcedure, createCallerFactory } = createTRPC<Services>();
