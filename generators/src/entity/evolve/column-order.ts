/**
 * The order in which the database holds an entity's columns. Prisma lists ALTER COLUMN clauses by
 * the column's position in the table, and that position comes from the history, not from the field
 * list: the table is created with the first list's columns in order, every change appends the
 * columns it adds (in Prisma's ADD COLUMN order, by name) and takes out the ones it drops.
 */
import type { ParsedField } from "../field-types/field-type.js";
import { columnOf } from "../field-types/index.js";

/** The fields' columns in table order, from the entity's field lists since its creation (creation first). */
export function databaseColumnOrder(history: readonly (readonly ParsedField[])[]): string[] {
  const [created = [], ...changes] = history;
  let columns = created.map(columnOf);
  for (const fields of changes) {
    const wanted = fields.map(columnOf);
    const kept = columns.filter((column) => wanted.includes(column));
    columns = [...kept, ...byName(wanted.filter((column) => !kept.includes(column)))];
  }
  return columns;
}

/** Names in the byte order Prisma sorts them in (a Rust BTreeMap): `aB` before `aa`. */
export function byName(names: readonly string[]): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
