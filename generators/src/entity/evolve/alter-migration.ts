/**
 * The migrations that change and that drop an entity's table, byte for byte what `prisma migrate
 * dev` writes for the same schema change, warnings included. Prisma sorts its steps by kind (new
 * enums, enum values, dropped foreign keys, dropped indexes, the one ALTER TABLE, dropped tables and
 * enums, new indexes, new foreign keys), and within a kind by what it reads back from the database
 * (names, or column positions) or by the order of the schema; each list below says which.
 */
import { constraintName } from "../constraint-names.js";
import type { ParsedField } from "../field-types/field-type.js";
import { columnOf, typeOf } from "../field-types/index.js";
import { addForeignKeySql, columnSql, createEnumSql, createIndexSql, migrationStamp } from "../migration-sql.js";
import type { EntityNames } from "../naming.js";
import { relationsOf } from "../relations.js";
import { byName } from "./column-order.js";
import { diffFields } from "./field-diff.js";
import {
  addedUniqueWarning,
  droppedColumnWarning,
  droppedTableWarning,
  madeRequiredWarning,
  renderWarnings,
  type MigrationWarnings,
} from "./prisma-warnings.js";

/** What Prisma writes when the schema change touches no table, type or index. */
export const emptyMigration = "-- This is an empty migration.";

export interface AlterMigrationOptions {
  /**
   * The entity's columns in the order the table holds them (see `databaseColumnOrder`), which orders
   * the ALTER COLUMN clauses; the order of `before` when absent, which is right until a change has
   * added columns in an order other than the field list's.
   */
  readonly columnOrder?: readonly string[] | undefined;
}

interface Alteration {
  readonly before: ParsedField;
  readonly after: ParsedField;
}

/** Exactly what `prisma migrate dev` writes to migration.sql for this change, warning comments included. */
export function renderAlterMigration(
  entity: EntityNames,
  before: readonly ParsedField[],
  after: readonly ParsedField[],
  options: AlterMigrationOptions = {},
): string {
  const changes = diffFields(entity, before, after);
  const added = changes.flatMap((change) => (change.kind === "add" ? [change.field] : []));
  const removed = changes.flatMap((change) => (change.kind === "remove" ? [change.field] : []));
  const altered = changes.flatMap((change) => (change.kind === "alter" ? [change] : []));
  const table = entity.pascal;
  const warnings: string[] = [];
  const unexecutable: string[] = [];

  const alterTable = alterTableClauses(entity, added, removed, orderByColumn(altered, options.columnOrder ?? before.map(columnOf)));
  warnings.push(...alterTable.warnings);
  unexecutable.push(...alterTable.unexecutable);
  const newIndexes = createdIndexes(after, altered, added);
  warnings.push(...newIndexes.filter((index) => index.suffix === "key").map((index) => addedUniqueWarning(table, columnOf(index.field))));

  const statements = [
    ...added.flatMap((field) => {
      const enumType = typeOf(field).enumType?.(field, entity);
      return enumType === undefined ? [] : [createEnumSql(enumType.name, enumType.values)];
    }),
    ...addedEnumValues(entity, altered).map(({ name, values }) => alterEnumSql(name, values)),
    ...dropForeignKeys(entity, before, removed),
    ...dropIndexes(entity, removed, altered),
    ...(alterTable.clauses.length === 0 ? [] : [`-- AlterTable\nALTER TABLE "${table}" ${alterTable.clauses.join(",\n")};`]),
    ...dropEnums(entity, removed),
    ...newIndexes.map((index) => createIndexSql(entity, index.field, index.suffix)),
    ...relationsOf(entity, after)
      .filter((relation) => added.includes(relation.field))
      .map((relation) => addForeignKeySql(entity, relation)),
  ];
  return script({ warnings, unexecutable }, statements);
}

/** The DROP migration for destroying the entity (its foreign keys, its table, its enums), exactly as Prisma writes it. */
export function renderDropMigration(entity: EntityNames, fields: readonly ParsedField[]): string {
  const statements = [
    ...dropForeignKeys(entity, fields, fields),
    `-- DropTable\nDROP TABLE "${entity.pascal}";`,
    ...dropEnums(entity, fields),
  ];
  return script({ warnings: [droppedTableWarning(entity.pascal)], unexecutable: [] }, statements);
}

/** `YYYYMMDDHHMMSS_change_<snake>`, the folder `prisma migrate dev --name change_<snake>` writes (UTC). */
export function changeMigrationDirName(entity: EntityNames, date: Date): string {
  return `${migrationStamp(date)}_change_${entity.snake}`;
}

/** `YYYYMMDDHHMMSS_drop_<snake>`, the folder `prisma migrate dev --name drop_<snake>` writes (UTC). */
export function dropMigrationDirName(entity: EntityNames, date: Date): string {
  return `${migrationStamp(date)}_drop_${entity.snake}`;
}

function script(warnings: MigrationWarnings, statements: readonly string[]): string {
  if (statements.length === 0) return emptyMigration;
  return `${renderWarnings(warnings)}${statements.join("\n\n")}\n`;
}

// Drops, then additions, each by column name; then alterations by position in the table, each
// nullability before default.
function alterTableClauses(
  entity: EntityNames,
  added: readonly ParsedField[],
  removed: readonly ParsedField[],
  altered: readonly Alteration[],
): { clauses: string[]; warnings: string[]; unexecutable: string[] } {
  const table = entity.pascal;
  const dropped = byName(removed.map(columnOf));
  const addedByColumn = new Map(added.map((field) => [columnOf(field), field]));
  const clauses = [
    ...dropped.map((column) => `DROP COLUMN "${column}"`),
    ...byName([...addedByColumn.keys()]).map((column) => {
      const field = addedByColumn.get(column);
      return field === undefined ? "" : `ADD COLUMN     ${columnSql(field, entity)}`;
    }),
  ];
  const unexecutable: string[] = [];
  for (const { before, after } of altered) {
    const column = columnOf(after);
    if (before.optional !== after.optional) {
      clauses.push(`ALTER COLUMN "${column}" ${after.optional ? "DROP" : "SET"} NOT NULL`);
      if (!after.optional) unexecutable.push(madeRequiredWarning(table, column));
    }
    const defaults = [before, after].map((field) => typeOf(field).sql(field, entity).default);
    if (!sameDatabaseDefault(after, defaults[0], defaults[1])) {
      clauses.push(`ALTER COLUMN "${column}" ${defaults[1] === undefined ? "DROP DEFAULT" : `SET DEFAULT ${defaults[1]}`}`);
    }
  }
  return { clauses, warnings: dropped.map((column) => droppedColumnWarning(table, column)), unexecutable };
}

// Prisma compares the default it reads back from the database with the schema's: as text, or as
// numbers for the types that say so (`1.5` and `1.50` are one default).
function sameDatabaseDefault(field: ParsedField, before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return before === after;
  return typeOf(field).numericDefault === true ? canonicalNumber(before) === canonicalNumber(after) : before === after;
}

function canonicalNumber(text: string): string {
  const negative = text.startsWith("-");
  const [integer = "", fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const digits = `${integer.replace(/^0+/, "") || "0"}.${fraction.replace(/0+$/, "")}`.replace(/\.$/, "");
  return negative && digits !== "0" ? `-${digits}` : digits;
}

function orderByColumn(altered: readonly Alteration[], columnOrder: readonly string[]): Alteration[] {
  const position = (alteration: Alteration): number => {
    const index = columnOrder.indexOf(columnOf(alteration.before));
    return index === -1 ? columnOrder.length : index;
  };
  return [...altered].sort((a, b) => position(a) - position(b));
}

// Alterations of an enum field that add values: by enum name, the values in the new list's order.
function addedEnumValues(entity: EntityNames, altered: readonly Alteration[]): { name: string; values: string[] }[] {
  const enums = altered.flatMap(({ before, after }) => {
    const enumType = typeOf(after).enumType?.(after, entity);
    const values = after.args.filter((value) => !before.args.includes(value));
    return enumType === undefined || values.length === 0 ? [] : [{ name: enumType.name, values }];
  });
  const names = byName(enums.map((enumType) => enumType.name));
  return names.flatMap((name) => enums.filter((enumType) => enumType.name === name));
}

function alterEnumSql(name: string, values: readonly string[]): string {
  const statements = values.map((value) => `ALTER TYPE "${name}" ADD VALUE '${value}'`);
  const note =
    values.length > 1
      ? "-- This migration adds more than one value to an enum.\n" +
        "-- With PostgreSQL versions 11 and earlier, this is not possible\n" +
        "-- in a single migration. This can be worked around by creating\n" +
        "-- multiple migrations, each migration adding only one value to\n" +
        "-- the enum.\n\n\n"
      : "";
  return `-- AlterEnum\n${note}${statements.join(";\n")};`;
}

// By constraint name.
function dropForeignKeys(entity: EntityNames, fields: readonly ParsedField[], dropped: readonly ParsedField[]): string[] {
  const table = entity.pascal;
  const names = relationsOf(entity, fields)
    .filter((relation) => dropped.includes(relation.field))
    .map((relation) => constraintName(table, [relation.foreignKey], "fkey"));
  return byName(names).map((name) => `-- DropForeignKey\nALTER TABLE "${table}" DROP CONSTRAINT "${name}";`);
}

// The indexes of removed fields and the ones alterations take away, by index name.
function dropIndexes(entity: EntityNames, removed: readonly ParsedField[], altered: readonly Alteration[]): string[] {
  const table = entity.pascal;
  const names = [
    ...removed.flatMap((field) => indexNames(table, field)),
    ...altered.flatMap(({ before, after }) => {
      const kept = indexNames(table, after);
      return indexNames(table, before).filter((name) => !kept.includes(name));
    }),
  ];
  return byName(names).map((name) => `-- DropIndex\nDROP INDEX "${name}";`);
}

function indexNames(table: string, field: ParsedField): string[] {
  const column = columnOf(field);
  return [
    ...(field.unique ? [constraintName(table, [column], "key")] : []),
    ...(field.index ? [constraintName(table, [column], "idx")] : []),
  ];
}

// By enum name.
function dropEnums(entity: EntityNames, removed: readonly ParsedField[]): string[] {
  const names = removed.flatMap((field) => typeOf(field).enumType?.(field, entity).name ?? []);
  return byName(names).map((name) => `-- DropEnum\nDROP TYPE "${name}";`);
}

// Unique indexes first, then plain ones, each in the order of the fields in the model.
function createdIndexes(
  after: readonly ParsedField[],
  altered: readonly Alteration[],
  added: readonly ParsedField[],
): { field: ParsedField; suffix: "key" | "idx" }[] {
  const previous = new Map(altered.map((alteration) => [alteration.after, alteration.before]));
  const gains = (field: ParsedField, flag: "unique" | "index"): boolean => {
    const before = previous.get(field);
    return field[flag] && (added.includes(field) || (before !== undefined && !before[flag]));
  };
  return [
    ...after.filter((field) => gains(field, "unique")).map((field) => ({ field, suffix: "key" as const })),
    ...after.filter((field) => gains(field, "index")).map((field) => ({ field, suffix: "idx" as const })),
  ];
}
