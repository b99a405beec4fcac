/**
 * The changes a migration cannot make safely on a table that may hold rows, refused before anything
 * is written, each with one line that names the field and the entity and says what to do instead.
 *
 * Making a field required, or unique, is not refused: the migration stops on rows that do not fit,
 * inside its transaction, so nothing changes and no data is lost; Prisma's warning in the migration
 * and `failureRisksOf` say so beforehand. Refusing would leave no way to make the change at all.
 */
import { GeneratorError } from "../../errors.js";
import type { ParsedField } from "../field-types/field-type.js";
import { columnOf, typeOf } from "../field-types/index.js";
import { splitTopLevel } from "../fields.js";
import type { EntityNames } from "../naming.js";
import type { FieldChange } from "./field-diff.js";

export function refuseUnsafeChanges(entity: EntityNames, changes: readonly FieldChange[]): void {
  const removed = changes.flatMap((change) => (change.kind === "remove" ? [change.field] : []));
  for (const change of changes) {
    if (change.kind === "add") {
      refuseRequiredAddition(entity, change.field);
      refuseColumnReuse(entity, change.field, removed);
    } else if (change.kind === "alter") {
      refuseTypeChange(entity, change.before, change.after);
      refuseEnumValueRemoval(entity, change.before, change.after);
      refuseNewEnumValueAsDefault(entity, change.before, change.after);
    }
  }
}

// Existing rows get the column's database default, or NULL; a required column without a default
// that the database fills in cannot be added to a table with rows at all.
function refuseRequiredAddition(entity: EntityNames, field: ParsedField): void {
  if (field.optional) return;
  const type = typeOf(field);
  const databaseDefault = type.sql(field, entity).default;
  const table = `the rows already in ${entity.pascal}`;
  const optional = `"${withOptional(field.source)}"`;
  const later = "fill it in, then make it required in a later change";
  if (type.relation !== undefined) {
    fail(`Cannot add the required reference "${field.name}" to ${entity.pascal}: ${table} would reference nothing. Add it optional (${optional}), ${later}.`);
  }
  if (field.default !== undefined && databaseDefault === undefined) {
    fail(
      `Cannot add the required field "${field.name}" to ${entity.pascal}: its default is made by Prisma Client, ` +
        `not by the database, so ${table} would have no value. Add it optional (${optional}), ${later}.`,
    );
  }
  if (databaseDefault === undefined) {
    const orDefault = type.defaultless === true ? "" : `, or give it a default ("${withDefault(field.source)}")`;
    fail(`Cannot add the required field "${field.name}" to ${entity.pascal}: ${table} would have no value. Add it optional (${optional})${orDefault}.`);
  }
  if (field.unique) {
    fail(
      `Cannot add the required unique field "${field.name}" to ${entity.pascal}: ${table} would all get the same default, ` +
        `which a unique index refuses. Add it optional (${optional}), fill in distinct values, then make it required in a later change.`,
    );
  }
}

// Prisma would see one column whose constraints change, not a column dropped and another added.
function refuseColumnReuse(entity: EntityNames, field: ParsedField, removed: readonly ParsedField[]): void {
  const column = columnOf(field);
  const previous = removed.find((candidate) => columnOf(candidate) === column);
  if (previous === undefined) return;
  fail(
    `Cannot add "${field.name}" to ${entity.pascal} in the change that removes "${previous.name}": both use the column ${column}. ` +
      `Remove "${previous.name}" in one change, then add "${field.name}" in the next.`,
  );
}

function refuseTypeChange(entity: EntityNames, before: ParsedField, after: ParsedField): void {
  const enumType = typeOf(after).enumType;
  // An enum keeps its type while it gains values; other arguments (digits, target) are the type.
  const sameType = before.type === after.type && (enumType !== undefined || before.args.join() === after.args.join());
  if (sameType) return;
  fail(
    `Cannot change "${after.name}" of ${entity.pascal} from ${typeText(before)} to ${typeText(after)}: the stored values might not convert. ` +
      `Add a new field, copy the data over, then remove "${before.name}".`,
  );
}

function refuseEnumValueRemoval(entity: EntityNames, before: ParsedField, after: ParsedField): void {
  if (typeOf(after).enumType === undefined) return;
  const gone = before.args.filter((value) => !after.args.includes(value));
  if (gone.length === 0) return;
  const values = gone.join(", ");
  fail(
    `Cannot remove ${values} from the values of "${after.name}" on ${entity.pascal}: rows may still hold ${gone.length > 1 ? "them" : "it"}. ` +
      `Keep ${values} in the list, or add a new field with the values you want, move the data, then remove "${before.name}".`,
  );
}

// PostgreSQL refuses to use an enum value in the transaction that adds it ("unsafe use of new value").
function refuseNewEnumValueAsDefault(entity: EntityNames, before: ParsedField, after: ParsedField): void {
  if (typeOf(after).enumType === undefined || after.default === undefined) return;
  if (before.args.includes(after.default) || after.default === before.default) return;
  fail(
    `Cannot make ${after.default} the default of "${after.name}" on ${entity.pascal} in the change that adds the value: ` +
      `PostgreSQL cannot use an enum value in the transaction that adds it. Add ${after.default} in one change, then make it the default in the next.`,
  );
}

function fail(message: string): never {
  throw new GeneratorError(message);
}

/** The type as the user wrote it, without `?`: `decimal(12,2)`, `references(Customer)`. */
function typeText(field: ParsedField): string {
  return (splitTopLevel(field.source, ":")[1] ?? field.type).replace(/\?$/, "");
}

function withOptional(source: string): string {
  const [name = "", type = "", ...modifiers] = splitTopLevel(source, ":");
  return [name, type.endsWith("?") ? type : `${type}?`, ...modifiers].join(":");
}

function withDefault(source: string): string {
  return `${source}:default(<value>)`;
}
