// The tRPC context. `createContextInner` takes no request, so tests and `createCaller` build a
// context from plain dependencies; `createContext` adds what the HTTP request carries (its id, its
// logger, its headers, for a middleware that reads one such as `Idempotency-Key`). The platform
// does not know the application's services: their type is a parameter, which src/trpc.ts fills in.
import type { IncomingHttpHeaders } from "node:http";
import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type { FastifyBaseLogger } from "fastify";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

export interface ContextDeps<TServices> {
  services: TServices;
  logger: Logger;
  metrics?: Metrics;
  /** Hide error messages and stacks of internal errors from clients. */
  exposeErrors: boolean;
}

export function createContextInner<TServices>(
  deps: ContextDeps<TServices>,
  request: { requestId?: string; log?: FastifyBaseLogger; headers?: IncomingHttpHeaders } = {},
) {
  return {
    services: deps.services,
    metrics: deps.metrics,
    exposeErrors: deps.exposeErrors,
    requestId: request.requestId,
    log: request.log ?? deps.logger,
    /** The request's headers, names in lower case; none for a call through `createCaller`. */
    headers: request.headers ?? {},
  };
}

export type Context<TServices = unknown> = Awaited<
  ReturnType<typeof createContextInner<TServices>>
>;

export function contextFactory<TServices>(deps: ContextDeps<TServices>) {
  return ({ req }: CreateFastifyContextOptions): Context<TServices> =>
    createContextInner(deps, { requestId: req.id, log: req.log, headers: req.headers });
}
