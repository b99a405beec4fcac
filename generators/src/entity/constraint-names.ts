/**
 * The names Prisma gives primary keys, indexes and foreign keys when the schema names none:
 * `<Table>_<column>_<suffix>`, cut before the suffix to fit PostgreSQL's 63-byte identifiers.
 * Cut names can collide, which Prisma refuses, so the field DSL checks them before anything is written.
 */

/** PostgreSQL keeps at most 63 bytes of an identifier (NAMEDATALEN 64). */
export const maxIdentifierLength = 63;

export type ConstraintSuffix = "pkey" | "key" | "idx" | "fkey";

export function constraintName(table: string, columns: readonly string[], suffix: ConstraintSuffix): string {
  const stem = [table, ...columns].join("_");
  const room = maxIdentifierLength - suffix.length - 1;
  return `${stem.length > room ? stem.slice(0, room) : stem}_${suffix}`;
}
