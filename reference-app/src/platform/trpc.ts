// How this service builds tRPC: `createTRPC` returns `router`, the procedures and
// `createCallerFactory` for a context that carries the application's services, whose type is a
// parameter (src/trpc.ts fills it in). Every procedure records metrics and maps AppError codes to
// tRPC codes here, in one place. The error formatter adds zod issues and, unless errors are
// exposed, hides internal messages and stacks. `mergeRouters` joins the generated app router and
// the hand-written one of src/extensions.ts, namespace by namespace.
import {
  TRPCError,
  initTRPC,
  type AnyTRPCRouter,
  type TRPCMergeRouters,
  type TRPCRouterRecord,
  type TRPC_ERROR_CODE_KEY,
} from "@trpc/server";
import * as z from "zod";
import { AppError, type AppErrorCode } from "./errors.js";
import type { Context } from "./context.js";
import type { Extensions, ExtensionsInput } from "./extensions.js";

const trpcCodes: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: trpcCodes[error.code], message: error.message, cause: error });
}

export function createTRPC<TServices>() {
  const t = initTRPC.context<Context<TServices>>().create({
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof z.ZodError ? z.flattenError(error.cause) : null;
      const expose = ctx?.exposeErrors === true;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message: internal && !expose ? "Internal server error" : shape.message,
        data: { ...data, ...(expose ? { stack: shape.data.stack } : {}), zodError },
      };
    },
  });

  const observed = t.middleware(async ({ ctx, path, type, next }) => {
    const stopTimer = ctx.metrics?.duration.startTimer({ procedure: path, type });
    let result = await next();
    if (!result.ok && result.error.cause instanceof AppError) {
      const mapped = toTRPCError(result.error.cause);
      result = { ...result, error: mapped };
    }
    stopTimer?.();
    ctx.metrics?.requests.inc({ procedure: path, type, outcome: result.ok ? "ok" : "error" });
    if (!result.ok) {
      ctx.metrics?.errors.inc({ procedure: path, code: result.error.code });
      if (result.error.code === "INTERNAL_SERVER_ERROR") {
        ctx.log.error(
          { err: result.error.cause ?? result.error, procedure: path },
          "procedure failed",
        );
      }
    }
    return result;
  });

  const emptyRouter = t.router({});

  /**
   * One router with the procedures of all, as `t.mergeRouters` builds it, except that a namespace
   * several routers have holds the procedures of each (`order.get` from one, `order.place` from
   * another), where `t.mergeRouters` refuses the second `order`. One procedure path in two routers
   * is refused.
   */
  function mergeRouters<TRouters extends AnyTRPCRouter[]>(
    ...routers: TRouters
  ): TRPCMergeRouters<TRouters> {
    const merged: TRPCRouterRecord = {};
    for (const each of routers) {
      const lazy = Object.keys(each._def.lazy);
      if (lazy.length > 0)
        throw new Error(`mergeRouters: lazy routers cannot be merged (${lazy.join(", ")})`);
      mergeRecord(merged, each._def.record as TRPCRouterRecord, []);
    }
    return t.router(merged) as TRPCMergeRouters<TRouters>;
  }

  /** What src/extensions.ts declares; by default an empty router, no health checks, no workers. */
  function defineExtensions<TRouter extends AnyTRPCRouter = typeof emptyRouter>(
    extensions: ExtensionsInput<TServices, TRouter>,
  ): Extensions<TServices, TRouter> {
    return {
      router: extensions.router ?? (emptyRouter as unknown as TRouter),
      healthChecks: extensions.healthChecks ?? (() => ({})),
      workers: extensions.workers ?? (() => []),
    };
  }

  return {
    router: t.router,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
    publicProcedure: t.procedure.use(observed),
    mergeRouters,
    defineExtensions,
  };
}

function mergeRecord(
  into: TRPCRouterRecord,
  from: TRPCRouterRecord,
  path: readonly string[],
): void {
  for (const [key, value] of Object.entries(from)) {
    const here = [...path, key];
    const present = into[key];
    if (present === undefined) {
      into[key] = typeof value === "function" ? value : copyRecord(value, here);
    } else if (typeof present === "function" || typeof value === "function") {
      throw new Error(`mergeRouters: two routers define ${here.join(".")}`);
    } else {
      mergeRecord(present, value, here);
    }
  }
}

function copyRecord(record: TRPCRouterRecord, path: readonly string[]): TRPCRouterRecord {
  const copy: TRPCRouterRecord = {};
  mergeRecord(copy, record, path);
  return copy;
}
