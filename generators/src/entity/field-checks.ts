/**
 * Checks across the fields of one entity, before anything is written: names that two fields would
 * both claim, and constraint names that PostgreSQL's length limit would make equal.
 */
import { GeneratorError } from "../errors.js";
import { constraintName, maxIdentifierLength } from "./constraint-names.js";
import type { ParsedField } from "./field-types/field-type.js";
import { columnOf } from "./field-types/index.js";
import type { EntityNames } from "./naming.js";
import { relationsOf } from "./relations.js";

export function refuseDuplicates(fields: readonly ParsedField[], entity: EntityNames): void {
  const owners = new Map<string, { source: string; how: string }>();
  const claim = (name: string, source: string, how: string): void => {
    const owner = owners.get(name);
    if (owner !== undefined) {
      const because = owner.source === source ? "" : ` ("${owner.source}" already ${owner.how})`;
      throw new GeneratorError(`Duplicate field "${name}" in "${source}"${because}.`);
    }
    owners.set(name, { source, how });
  };
  for (const field of fields) {
    claim(field.name, field.source, "defines it");
    const column = columnOf(field);
    if (column !== field.name) claim(column, field.source, "creates it");
  }
  // A self-reference adds its back-relation to this very model.
  for (const relation of relationsOf(entity, fields)) {
    if (relation.selfReference) {
      const how = `adds it to ${entity.pascal} as the other end of the relation`;
      claim(relation.backRelationField, relation.field.source, how);
    }
  }
}

// Prisma keeps unique and plain indexes in one namespace and the foreign keys of a table in another;
// names cut to PostgreSQL's length may meet in either.
export function refuseCollidingIndexNames(fields: readonly ParsedField[], entity: EntityNames): void {
  const owners = new Map<string, string>();
  const claim = (name: string, source: string): void => {
    const owner = owners.get(name);
    if (owner !== undefined) {
      throw new GeneratorError(
        `Constraint name "${name}" for "${source}" is the same as for "${owner}" once cut to ` +
          `PostgreSQL's ${maxIdentifierLength} characters; shorten the entity or field names.`,
      );
    }
    owners.set(name, source);
  };
  const foreignKeys = new Set(relationsOf(entity, fields).map((relation) => relation.field));
  for (const field of fields) {
    const column = columnOf(field);
    if (field.unique || field.index) {
      claim(constraintName(entity.pascal, [column], field.unique ? "key" : "idx"), field.source);
    }
    if (foreignKeys.has(field)) claim(constraintName(entity.pascal, [column], "fkey"), field.source);
  }
}
