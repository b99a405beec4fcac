import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { buildServer, type Readiness } from "./http-server.js";
import { createMetrics } from "./metrics.js";
import { contextFactory } from "./context.js";
import { createTRPC } from "./trpc.js";
import { captureLogger } from "../../test/support/app.js";

const { publicProcedure, router } = createTRPC<Record<string, never>>();

const testRouter = router({
  hello: publicProcedure.query(({ ctx }) => {
    ctx.log.info("inside the procedure");
    return "hi";
  }),
});

function server(
  options: {
    readiness?: Readiness;
    failingCheck?: boolean;
    failingProvider?: boolean;
    logger?: ReturnType<typeof createLogger>;
  } = {},
) {
  const logger = options.logger ?? createLogger({ logLevel: "silent" });
  const metrics = createMetrics();
  return buildServer({
    logger,
    router: testRouter,
    createContext: contextFactory({ services: {}, logger, metrics, exposeErrors: false }),
    metrics,
    readiness: options.readiness ?? { migrated: true, connected: true, shuttingDown: false },
    healthChecks: {
      database: () =>
        options.failingCheck === true
          ? Promise.reject(new Error("connection refused"))
          : Promise.resolve(),
      provider: {
        check: () =>
          options.failingProvider === true
            ? Promise.reject(new Error("circuit open"))
            : Promise.resolve(),
        critical: false,
      },
    },
  });
}

describe("/health", () => {
  it("reports each dependency as up", async () => {
    const response = await server().inject({ url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok", checks: { database: { status: "up" } } });
  });

  it("answers 503 and names the dependency that is down", async () => {
    const response = await server({ failingCheck: true }).inject({ url: "/health" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: "down",
      checks: { database: { status: "down", critical: true } },
    });
  });

  it('answers 200 "degraded" when only a check that is not critical fails', async () => {
    const response = await server({ failingProvider: true }).inject({ url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: "degraded",
      checks: {
        database: { status: "up" },
        provider: { status: "down", error: "circuit open", critical: false },
      },
    });
  });

  it("answers 503 when a critical check fails, whatever the others say", async () => {
    const response = await server({ failingCheck: true, failingProvider: true }).inject({
      url: "/health",
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: "down" });
  });
});

describe("/ready", () => {
  it("is false until migrations are applied", async () => {
    const response = await server({
      readiness: { migrated: false, connected: false, shuttingDown: false },
    }).inject({ url: "/ready" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ ready: false });
  });

  it("is false until the database is connected and Prisma's query compiler loaded", async () => {
    const response = await server({
      readiness: { migrated: true, connected: false, shuttingDown: false },
    }).inject({ url: "/ready" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ ready: false, connected: false });
  });

  it("is false while shutting down", async () => {
    const response = await server({
      readiness: { migrated: true, connected: true, shuttingDown: true },
    }).inject({ url: "/ready" });
    expect(response.statusCode).toBe(503);
  });

  it("is true once migrated and running", async () => {
    const response = await server().inject({ url: "/ready" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ready: true });
  });
});

describe("/metrics", () => {
  it("exposes process metrics and counts requests and errors per procedure", async () => {
    const app = server();
    await app.inject({ url: "/trpc/hello" });
    await app.inject({ url: "/trpc/hello" });
    const text = (await app.inject({ url: "/metrics" })).body;
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toMatch(/trpc_requests_total\{procedure="hello",type="query",outcome="ok"\} 2/);
    expect(text).toMatch(/trpc_request_duration_seconds_count\{procedure="hello",type="query"\} 2/);
  });
});

describe("request logging", () => {
  it("puts the request id on every line written while serving the request", async () => {
    const captured = captureLogger("info");
    const response = await server({ logger: captured.logger }).inject({
      url: "/trpc/hello",
      headers: { "x-request-id": "req-42" },
    });
    expect(response.headers["x-request-id"]).toBe("req-42");
    const lines = captured.lines().filter((line) => line.requestId === "req-42");
    expect(lines.map((line) => line.msg)).toEqual([
      "incoming request",
      "inside the procedure",
      "request completed",
    ]);
  });

  it("makes up a request id when the client sends none", async () => {
    const response = await server().inject({ url: "/trpc/hello" });
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
