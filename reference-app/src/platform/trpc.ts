// How this service builds tRPC: `createTRPC` returns `router`, the procedures and
// `createCallerFactory` for a context that carries the application's services, whose type is a
// parameter (src/trpc.ts fills it in). Every procedure records metrics and maps AppError codes to
// tRPC codes here, in one place. The error formatter adds zod issues and, unless errors are
// exposed, hides internal messages and stacks.
import { TRPCError, initTRPC, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { ZodError, z } from "zod";
import { AppError, type AppErrorCode } from "./errors.js";
import type { Context } from "./context.js";

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
      const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
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

  return {
    router: t.router,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
    publicProcedure: t.procedure.use(observed),
  };
}
