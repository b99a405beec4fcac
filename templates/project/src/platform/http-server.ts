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

export type HealthCheck = () => Promise<void>;

export interface ServerDeps {
  logger: Logger;
  /** The app router; tests pass routers of their own. */
  router: AnyTRPCRouter;
  createContext: (options: CreateFastifyContextOptions) => Context;
  /** "stock" serves every tRPC request through @trpc/server's own fastify adapter. */
  trpcAdapter?: TrpcAdapter;
  metrics: Metrics;
  readiness: Readiness;
  healthChecks: Record<string, HealthCheck>;
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
    const healthy = Object.values(checks).every((check) => check.status === "up");
    return reply.code(healthy ? 200 : 503).send({
      status: healthy ? "ok" : "degraded",
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

type CheckResult = { status: "up"; latencyMs: number } | { status: "down"; error: string };

async function runHealthChecks(checks: Record<string, HealthCheck>): Promise<Record<string, CheckResult>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      const started = performance.now();
      try {
        await check();
        return [name, { status: "up", latencyMs: Math.round(performance.now() - started) }];
      } catch (error) {
        return [name, { status: "down", error: (error as Error).message }];
      }
    }),
  );
  return Object.fromEntries(entries);
}
