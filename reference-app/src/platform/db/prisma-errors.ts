// Translates the errors Prisma reports for constraint violations into AppErrors, for the Prisma
// repositories: a unique violation or a write to a row that others reference is a CONFLICT, a
// reference to a missing row is a BAD_REQUEST, a missing record is NOT_FOUND. Anything else stays
// an internal error.
import { Prisma } from "../../generated/prisma/client.js";
import { AppError, conflict, notFound } from "../errors.js";

function prismaCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}

interface ConstraintMeta {
  driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } };
}

/**
 * The fields of the unique or foreign key constraint a write violated, as far as the driver says:
 * the columns, or the constraint's name (`<Model>_<field>_key` or `_fkey`, as Prisma names them).
 */
function violatedFields(error: unknown, entity: string, suffix: "_key" | "_fkey"): string[] {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return [];
  const constraint = (error.meta as ConstraintMeta | undefined)?.driverAdapterError?.cause
    ?.constraint;
  // PostgreSQL quotes mixed-case column names in its error detail ("externalId").
  if (constraint?.fields !== undefined)
    return constraint.fields.map((field) => field.replace(/^"(.*)"$/, "$1"));
  const prefix = `${entity}_`;
  const index = constraint?.index ?? "";
  return index.startsWith(prefix) && index.endsWith(suffix)
    ? [index.slice(prefix.length, -suffix.length)]
    : [];
}

/** The record to update or delete does not exist (or did not match the filter). */
export function isRecordNotFound(error: unknown): boolean {
  return prismaCode(error) === "P2025";
}

/** For create and update. */
export function translateWriteError(error: unknown, entity: string): Error {
  switch (prismaCode(error)) {
    case "P2002": {
      const fields = violatedFields(error, entity, "_key");
      const what = fields.length > 0 ? fields.join(", ") : "value in a unique field";
      return conflict(`${entity} has the same ${what} as another one`, {
        cause: error,
        details: { entity, fields },
      });
    }
    case "P2003": {
      const details = { entity, fields: violatedFields(error, entity, "_fkey") };
      return new AppError("BAD_REQUEST", `${entity} refers to a record that does not exist`, {
        cause: error,
        details,
      });
    }
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
      return conflict(`${entity} ${id} is still referenced by other records`, {
        cause: error,
        details: { entity, id },
      });
    default:
      return error instanceof Error ? error : new Error("Database delete failed", { cause: error });
  }
}
