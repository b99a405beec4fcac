import { describe, expect, it } from "vitest";
import * as z from "zod";
import { buildApp } from "../../test/support/app.js";
import { createContextInner } from "./context.js";
import { AppError, type AppErrorCode } from "./errors.js";
import { createLogger } from "./logger.js";
import { createTRPC } from "./trpc.js";

// The platform's procedures over a services type of the test's own: the platform knows no
// application.
const { createCallerFactory, defineExtensions, mergeRouters, publicProcedure, router } =
  createTRPC<{ greeting: string }>();

const failing = router({
  fail: publicProcedure.input(z.object({ code: z.string() })).query(({ input }) => {
    throw new AppError(input.code as AppErrorCode, `failed with ${input.code}`, {
      cause: new Error("db detail"),
    });
  }),
  crash: publicProcedure.query(() => {
    throw new Error("secret connection string postgres://admin:hunter2@db");
  }),
  strict: publicProcedure
    .input(z.object({ quantity: z.number().int().positive() }))
    .mutation(({ input }) => input),
  greet: publicProcedure.query(({ ctx }) => ctx.services.greeting),
});

const caller = createCallerFactory(failing)(
  createContextInner({
    services: { greeting: "hello" },
    logger: createLogger({ logLevel: "silent" }),
    exposeErrors: true,
  }),
);

describe("the context", () => {
  it("hands procedures the services it was given", async () => {
    expect(await caller.greet()).toBe("hello");
  });
});

describe("error mapping", () => {
  it.each<[AppErrorCode, string]>([
    ["BAD_REQUEST", "BAD_REQUEST"],
    ["NOT_FOUND", "NOT_FOUND"],
    ["CONFLICT", "CONFLICT"],
    ["UNAUTHENTICATED", "UNAUTHORIZED"],
    ["FORBIDDEN", "FORBIDDEN"],
    ["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"],
    ["UNAVAILABLE", "SERVICE_UNAVAILABLE"],
    ["INTERNAL", "INTERNAL_SERVER_ERROR"],
  ])("maps AppError %s to the tRPC code %s", async (appCode, trpcCode) => {
    await expect(caller.fail({ code: appCode })).rejects.toMatchObject({
      code: trpcCode,
      message: `failed with ${appCode}`,
    });
  });

  it("keeps the original error as the cause", async () => {
    const error: unknown = await caller.fail({ code: "CONFLICT" }).catch((e: unknown) => e);
    expect((error as { cause: unknown }).cause).toBeInstanceOf(AppError);
  });
});

describe("error responses over HTTP", () => {
  async function call(env: Record<string, string>, path: string, init?: { body: unknown }) {
    const app = await buildApp({ router: failing, env });
    try {
      const response = await app.server.inject(
        init === undefined
          ? { method: "GET", url: `/trpc/${path}` }
          : { method: "POST", url: `/trpc/${path}`, payload: init.body as object },
      );
      return {
        status: response.statusCode,
        body: response.json<{ error: { message: string; data: Record<string, unknown> } }>(),
      };
    } finally {
      await app.close();
    }
  }

  it.each<[AppErrorCode, number, string]>([
    ["NOT_FOUND", 404, "NOT_FOUND"],
    ["TOO_MANY_REQUESTS", 429, "TOO_MANY_REQUESTS"],
    ["UNAVAILABLE", 503, "SERVICE_UNAVAILABLE"],
  ])("answers AppError %s with the HTTP status %i", async (appCode, httpStatus, trpcCode) => {
    const input = encodeURIComponent(JSON.stringify({ code: appCode }));
    const { status, body } = await call({}, `fail?input=${input}`);
    expect(status).toBe(httpStatus);
    expect(body.error.data.code).toBe(trpcCode);
  });

  it("includes zod issues for invalid input", async () => {
    const { status, body } = await call({}, "strict", { body: { quantity: -1 } });
    expect(status).toBe(400);
    expect(body.error.data.zodError).toMatchObject({
      fieldErrors: { quantity: [expect.any(String)] },
    });
  });

  it("hides internal messages and stacks in production", async () => {
    const { status, body } = await call({ NODE_ENV: "production" }, "crash");
    expect(status).toBe(500);
    expect(body.error.message).toBe("Internal server error");
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(body.error.data).not.toHaveProperty("stack");
  });

  it("shows the message and stack outside production", async () => {
    const { body } = await call({ NODE_ENV: "development" }, "crash");
    expect(body.error.message).toContain("secret connection string");
    expect(body.error.data).toHaveProperty("stack");
  });
});

describe("merging the generated router with the hand-written one", () => {
  const generated = router({
    order: router({
      get: publicProcedure
        .input(z.object({ id: z.string() }))
        .query(({ input }) => ({ id: input.id })),
    }),
    system: router({ info: publicProcedure.query(() => "info") }),
  });
  const handWritten = router({
    order: {
      place: publicProcedure
        .input(z.object({ item: z.string() }))
        .mutation(({ input }) => ({ placed: input.item })),
    },
    report: router({
      daily: publicProcedure.query(({ ctx }) => `${ctx.services.greeting}, report`),
    }),
  });
  const merged = mergeRouters(generated, handWritten);
  const context = createContextInner({
    services: { greeting: "hello" },
    logger: createLogger({ logLevel: "silent" }),
    exposeErrors: true,
  });

  it("puts the procedures of a namespace both have side by side", () => {
    expect(Object.keys(merged._def.procedures).sort()).toEqual([
      "order.get",
      "order.place",
      "report.daily",
      "system.info",
    ]);
  });

  it("gives a caller, typed with both routers' procedures, that calls each", async () => {
    const merged = createCallerFactory(mergeRouters(generated, handWritten))(context);
    expect(await merged.order.get({ id: "a" })).toEqual({ id: "a" });
    expect(await merged.order.place({ item: "book" })).toEqual({ placed: "book" });
    expect(await merged.report.daily()).toBe("hello, report");
  });

  it("refuses a procedure path that both routers define", () => {
    const clash = router({ order: { get: publicProcedure.query(() => "again") } });
    expect(() => mergeRouters(generated, clash)).toThrow(
      "mergeRouters: two routers define order.get",
    );
  });

  it("refuses a procedure where the other router has a namespace", () => {
    const clash = router({ order: publicProcedure.query(() => "a procedure") });
    expect(() => mergeRouters(generated, clash)).toThrow("mergeRouters: two routers define order");
  });

  it("leaves the routers it merged as they were", () => {
    expect(Object.keys(generated._def.procedures).sort()).toEqual(["order.get", "system.info"]);
    expect(Object.keys(generated.order)).toEqual(["get"]);
  });
});

describe("defineExtensions", () => {
  it("fills in an empty router, no health checks and no workers", () => {
    const extensions = defineExtensions({});
    expect(Object.keys(extensions.router._def.procedures)).toEqual([]);
    expect(extensions.healthChecks({ greeting: "hello" })).toEqual({});
    expect(extensions.workers({ greeting: "hello" })).toEqual([]);
  });
});
