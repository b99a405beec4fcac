// Translates the errors Prisma reports for constraint violations into AppErrors, for the Prisma
// repositories: a unique violation or a write to a row that others reference is a CONFLICT, a
// reference to a missing row is a BAD_REQUEST, a missing record is NOT_FOUND, an update at a
// version the record has moved past is a CONFLICT. Anything else stays an internal error. The
// in-memory repository (memory-repository.ts) reports the same codes and details.
import { Prisma } from "../../generated/prisma/client.js";
import { AppError, conflict, notFound, staleVersion } from "../errors.js";

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

/** The record an update names, at the version the caller read. */
export interface VersionedRecord {
  entity: string;
  id: string;
  version: number;
}

/**
 * For an update filtered by id and version. Prisma reports "no record" alike for an unknown id and
 * a stale version, so `countById` (a count of the rows with the id) tells them apart.
 */
export async function translateUpdateError(
  error: unknown,
  record: VersionedRecord,
  countById: () => Promise<number>,
): Promise<Error> {
  if (prismaCode(error) !== "P2025") return translateWriteError(error, record.entity);
  const { entity, id, version } = record;
  return (await countById()) > 0 ? staleVersion(entity, id, version) : notFound(entity, id);
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
