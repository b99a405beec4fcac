/**
 * The migration that creates an entity's table, byte for byte what `prisma migrate dev` writes when
 * the model is added to schema.prisma. Users who run Prisma Migrate later must see no drift, so
 * every name, type, default, statement and blank line follows Prisma's PostgreSQL output.
 */
import { constraintName } from "./constraint-names.js";
import type { ParsedField } from "./field-types/field-type.js";
import { columnOf, typeOf } from "./field-types/index.js";
import type { EntityNames } from "./naming.js";
import { relationsOf, type EntityRelation } from "./relations.js";

export function renderCreateMigration(entity: EntityNames, fields: readonly ParsedField[]): string {
  const table = entity.pascal;
  const statements: string[] = [];

  for (const field of fields) {
    const enumType = typeOf(field).enumType?.(field, entity);
    if (enumType !== undefined) statements.push(createEnumSql(enumType.name, enumType.values));
  }

  const columns = [
    `"id" UUID NOT NULL`,
    ...fields.map((field) => columnSql(field, entity)),
    `"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP`,
    `"updatedAt" TIMESTAMP(3) NOT NULL`,
    `"version" INTEGER NOT NULL DEFAULT 0`,
  ];
  const primaryKey = `CONSTRAINT "${constraintName(table, [], "pkey")}" PRIMARY KEY ("id")`;
  const definitions = columns.map((text) => `    ${text},\n`).join("");
  statements.push(`-- CreateTable\nCREATE TABLE "${table}" (\n${definitions}\n    ${primaryKey}\n);`);

  // Unique indexes come first, then plain ones, each in field order, as Prisma orders them.
  for (const field of fields.filter((candidate) => candidate.unique)) statements.push(createIndexSql(entity, field, "key"));
  for (const field of fields.filter((candidate) => candidate.index)) statements.push(createIndexSql(entity, field, "idx"));
  for (const relation of relationsOf(entity, fields)) statements.push(addForeignKeySql(entity, relation));
  return `${statements.join("\n\n")}\n`;
}

/** `YYYYMMDDHHMMSS_create_<snake>`, the folder name `prisma migrate dev --name create_<snake>` picks (UTC). */
export function migrationDirName(entity: EntityNames, date: Date): string {
  return `${migrationStamp(date)}_create_${entity.snake}`;
}

/** `YYYYMMDDHHMMSS` in UTC, the prefix `prisma migrate dev` gives a migration's folder. */
export function migrationStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "").replace(/\D/g, "");
}

export function createEnumSql(name: string, values: readonly string[]): string {
  return `-- CreateEnum\nCREATE TYPE "${name}" AS ENUM (${values.map((value) => `'${value}'`).join(", ")});`;
}

/** A column's definition as CREATE TABLE and ADD COLUMN write it: name, type, nullability, default. */
export function columnSql(field: ParsedField, entity: EntityNames): string {
  const sql = typeOf(field).sql(field, entity);
  const notNull = field.optional ? "" : " NOT NULL";
  const defaultClause = sql.default === undefined ? "" : ` DEFAULT ${sql.default}`;
  return `"${columnOf(field)}" ${sql.type}${notNull}${defaultClause}`;
}

/** The statement that creates the unique (`key`) or plain (`idx`) index on the field's column. */
export function createIndexSql(entity: EntityNames, field: ParsedField, suffix: "key" | "idx"): string {
  const column = columnOf(field);
  const index = constraintName(entity.pascal, [column], suffix);
  return `-- CreateIndex\nCREATE ${suffix === "key" ? "UNIQUE " : ""}INDEX "${index}" ON "${entity.pascal}"("${column}");`;
}

export function addForeignKeySql(entity: EntityNames, relation: EntityRelation): string {
  const table = entity.pascal;
  const foreignKey = constraintName(table, [relation.foreignKey], "fkey");
  return (
    `-- AddForeignKey\nALTER TABLE "${table}" ADD CONSTRAINT "${foreignKey}" FOREIGN KEY ("${relation.foreignKey}") ` +
    `REFERENCES "${relation.target.pascal}"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`
  );
}
