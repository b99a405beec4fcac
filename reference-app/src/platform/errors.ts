// The application's error family. Domain and repository code throws AppError with a code from the
// union below; the tRPC layer maps codes to tRPC error codes in one place (trpc.ts). The `cause`
// keeps the underlying error for the logs; clients never see it.
export type AppErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "TOO_MANY_REQUESTS"
  | "UNAVAILABLE"
  | "INTERNAL";

export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function notFound(entity: string, id: string): AppError {
  return new AppError("NOT_FOUND", `${entity} ${id} was not found`, { details: { entity, id } });
}

export function conflict(
  message: string,
  options: { cause?: unknown; details?: Record<string, unknown> } = {},
): AppError {
  return new AppError("CONFLICT", message, options);
}

/** An update made at a version the record has moved past: someone else changed it first. */
export function staleVersion(entity: string, id: string, version: number): AppError {
  return conflict(`${entity} ${id} is no longer at version ${String(version)}`, {
    details: { entity, id, version },
  });
}
