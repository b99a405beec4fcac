// Translates the errors Prisma reports for constraint violations into AppErrors, for the Prisma
// repositories: a unique violation or a write to a row that others reference is a CONFLICT, a
// reference to a missing row is a BAD_REQUEST, a missing record is NOT_FOUND. Anything else stays
// an internal error.
import { Prisma } from "../../generated/prisma/client.js";
import { AppError, conflict, notFound } from "../errors.js";

function prismaCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}

/** The record to update or delete does not exist (or did not match the filter). */
export function isRecordNotFound(error: unknown): boolean {
  return prismaCode(error) === "P2025";
}

/** For create and update. */
export function translateWriteError(error: unknown, entity: string): Error {
  switch (prismaCode(error)) {
    case "P2002":
      return conflict(`${entity} has the same value as another one in a unique field`, { cause: error, details: { entity } });
    case "P2003":
      return new AppError("BAD_REQUEST", `${entity} refers to a record that does not exist`, { cause: error, details: { entity } });
    default:
      return error instanceof Error ? error : new Error("Database write failed", { cause: error });
  }
}

/** For delete. */
export function translateDeleteError(error: unknown, entity: string, id: string): Error {
  switch (prismaCode(error)) {
    case "P2025":
      return notFound(entity, id);
    case "P2003":
    case "P2014":
      return conflict(`${entity} ${id} is still referenced by other records`, { cause: error, details: { entity, id } });
    default:
      return error instanceof Error ? error : new Error("Database delete failed", { cause: error });
  }
}
