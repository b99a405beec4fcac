// The tRPC context. `createContextInner` takes no request, so tests and `createCaller` build a
// context from plain dependencies; `createContext` adds what the HTTP request carries.
import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type { FastifyBaseLogger } from "fastify";
import type { Services } from "../services.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

export interface ContextDeps {
  services: Services;
  logger: Logger;
  metrics?: Metrics;
  /** Hide error messages and stacks of internal errors from clients. */
  exposeErrors: boolean;
}

export function createContextInner(deps: ContextDeps, request: { requestId?: string; log?: FastifyBaseLogger } = {}) {
  return {
    services: deps.services,
    metrics: deps.metrics,
    exposeErrors: deps.exposeErrors,
    requestId: request.requestId,
    log: request.log ?? deps.logger,
  };
}

export type Context = Awaited<ReturnType<typeof createContextInner>>;

export function contextFactory(deps: ContextDeps) {
  return ({ req }: CreateFastifyContextOptions): Context =>
    createContextInner(deps, { requestId: req.id, log: req.log });
}
