/**
 * The migration that creates an entity's table, byte for byte what `prisma migrate dev` writes when
 * the model is added to schema.prisma. Users who run Prisma Migrate later must see no drift, so
 * every name, type, default, statement and blank line follows Prisma's PostgreSQL output.
 */
import { constraintName } from "./constraint-names.js";
import type { ParsedField } from "./field-types/field-type.js";
import { columnOf, typeOf } from "./field-types/index.js";
import type { EntityNames } from "./naming.js";
import { relationsOf } from "./relations.js";

export function renderCreateMigration(entity: EntityNames, fields: readonly ParsedField[]): string {
  const table = entity.pascal;
  const statements: string[] = [];

  for (const field of fields) {
    const enumType = typeOf(field).enumType?.(field, entity);
    if (enumType !== undefined) {
      const values = enumType.values.map((value) => `'${value}'`).join(", ");
      statements.push(`-- CreateEnum\nCREATE TYPE "${enumType.name}" AS ENUM (${values});`);
    }
  }

  const columns = [
    `"id" UUID NOT NULL`,
    ...fields.map((field) => column(field, entity)),
    `"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP`,
    `"updatedAt" TIMESTAMP(3) NOT NULL`,
    `"version" INTEGER NOT NULL DEFAULT 0`,
  ];
  const primaryKey = `CONSTRAINT "${constraintName(table, [], "pkey")}" PRIMARY KEY ("id")`;
  const definitions = columns.map((text) => `    ${text},\n`).join("");
  statements.push(`-- CreateTable\nCREATE TABLE "${table}" (\n${definitions}\n    ${primaryKey}\n);`);

  // Unique indexes come first, then plain ones, each in field order, as Prisma orders them.
  for (const field of fields.filter((candidate) => candidate.unique)) {
    const name = columnOf(field);
    const index = constraintName(table, [name], "key");
    statements.push(`-- CreateIndex\nCREATE UNIQUE INDEX "${index}" ON "${table}"("${name}");`);
  }
  for (const field of fields.filter((candidate) => candidate.index)) {
    const name = columnOf(field);
    const index = constraintName(table, [name], "idx");
    statements.push(`-- CreateIndex\nCREATE INDEX "${index}" ON "${table}"("${name}");`);
  }
  for (const relation of relationsOf(entity, fields)) {
    const foreignKey = constraintName(table, [relation.foreignKey], "fkey");
    statements.push(
      `-- AddForeignKey\nALTER TABLE "${table}" ADD CONSTRAINT "${foreignKey}" FOREIGN KEY ("${relation.foreignKey}") ` +
        `REFERENCES "${relation.target.pascal}"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
    );
  }
  return `${statements.join("\n\n")}\n`;
}

/** `YYYYMMDDHHMMSS_create_<snake>`, the folder name `prisma migrate dev --name create_<snake>` picks (UTC). */
export function migrationDirName(entity: EntityNames, date: Date): string {
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "").replace(/\D/g, "");
  return `${stamp}_create_${entity.snake}`;
}

function column(field: ParsedField, entity: EntityNames): string {
  const sql = typeOf(field).sql(field, entity);
  const notNull = field.optional ? "" : " NOT NULL";
  const defaultClause = sql.default === undefined ? "" : ` DEFAULT ${sql.default}`;
  return `"${columnOf(field)}" ${sql.type}${notNull}${defaultClause}`;
}
