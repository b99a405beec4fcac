// The HTTP face of the service: fastify with tRPC under /trpc, and /health, /ready and /metrics.
// `buildServer` only assembles; app.ts decides when to listen. tRPC is served by trpc-http.ts: a
// fast path for plain calls and batches, @trpc/server's stock fastify adapter for the rest.
import { randomUUID } from "node:crypto";
import Fastify, { LogController } from "fastify";
import type { AnyTRPCRouter } from "@trpc/server";
import type { Context } from "./context.js";
import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { trpcHttpPlugin, type TrpcAdapter, type TrpcHttpOptions } from "./trpc-http.js";

export interface Readiness {
  migrated: boolean;
  /**
   * The database is connected and Prisma's query compiler loaded: the first request is not a cold
   * one.
   */
  connected: boolean;
  shuttingDown: boolean;
}

/** Resolves when the dependency answers; a rejection marks it down, with the error's message. */
export type HealthCheck = () => Promise<void>;

/**
 * A check with options. A check that is not critical makes /health answer 200 "degraded" when it
 * fails, rather than 503: the service still serves, without that dependency (an open circuit to an
 * external provider), and an orchestrator must not restart it for that.
 */
export interface HealthCheckEntry {
  check: HealthCheck;
  critical: boolean;
}

export interface ServerDeps {
  logger: Logger;
  /** The app router; tests pass routers of their own. */
  router: AnyTRPCRouter;
  createContext: (options: CreateFastifyContextOptions) => Context;
  /** "stock" serves every tRPC request through @trpc/server's own fastify adapter. */
  trpcAdapter?: TrpcAdapter;
  metrics: Metrics;
  readiness: Readiness;
  healthChecks: Record<string, HealthCheck | HealthCheckEntry>;
}

const REQUEST_ID_HEADER = "x-request-id";

export type Server = ReturnType<typeof buildServer>;

export function buildServer(deps: ServerDeps) {
  const server = Fastify({
    loggerInstance: deps.logger,
    requestIdHeader: REQUEST_ID_HEADER,
    logController: new LogController({ requestIdLogLabel: "requestId" }),
    genReqId: () => randomUUID(),
    // Large batched tRPC calls arrive as one body.
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 5_000 },
  });

  server.addHook("onSend", (request, reply, payload, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    // While draining, close each keep-alive connection after its response; otherwise an idle
    // client connection would hold shutdown open until its keep-alive timeout.
    if (deps.readiness.shuttingDown) void reply.header("connection", "close");
    done(null, payload);
  });

  void server.register(trpcHttpPlugin, {
    prefix: "/trpc",
    adapter: deps.trpcAdapter ?? "fast",
    trpcOptions: { router: deps.router, createContext: deps.createContext },
  } satisfies TrpcHttpOptions & { prefix: string });

  server.get("/health", async (_request, reply) => {
    const checks = await runHealthChecks(deps.healthChecks);
    const failing = Object.values(checks).filter((check) => check.status === "down");
    const down = failing.some((check) => check.critical);
    return reply.code(down ? 503 : 200).send({
      status: down ? "down" : failing.length > 0 ? "degraded" : "ok",
      uptimeSeconds: Math.round(process.uptime()),
      checks,
    });
  });

  server.get("/ready", async (_request, reply) => {
    const ready = deps.readiness.migrated && deps.readiness.connected && !deps.readiness.shuttingDown;
    return reply.code(ready ? 200 : 503).send({ ready, ...deps.readiness });
  });

  server.get("/metrics", async (_request, reply) => {
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return server;
}

type CheckResult = { status: "up"; latencyMs: number; critical: boolean } | { status: "down"; error: string; critical: boolean };

async function runHealthChecks(checks: Record<string, HealthCheck | HealthCheckEntry>): Promise<Record<string, CheckResult>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, entry]): Promise<[string, CheckResult]> => {
      const { check, critical } = typeof entry === "function" ? { check: entry, critical: true } : entry;
      const started = performance.now();
      try {
        await check();
        return [name, { status: "up", latencyMs: Math.round(performance.now() - started), critical }];
      } catch (error) {
        return [name, { status: "down", error: (error as Error).message, critical }];
      }
    }),
  );
  return Object.fromEntries(entries);
}
