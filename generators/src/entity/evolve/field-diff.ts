/**
 * What a new field list changes in an entity: fields matched by name are added, removed or altered.
 * Unsafe changes are refused here (refusals.ts), before anything is rendered, and the changes that
 * drop data or may make the migration fail are described for the user to confirm.
 */
import type { ParsedField } from "../field-types/field-type.js";
import { columnOf, typeOf } from "../field-types/index.js";
import type { EntityNames } from "../naming.js";
import { refuseUnsafeChanges } from "./refusals.js";

export type FieldChange =
  | { readonly kind: "add"; readonly field: ParsedField }
  | { readonly kind: "remove"; readonly field: ParsedField }
  | { readonly kind: "alter"; readonly before: ParsedField; readonly after: ParsedField };

/**
 * Fields matched by name: additions in the new list's order, then alterations in the new list's
 * order, then removals in the old list's order. Throws GeneratorError (one line that says what to do
 * instead) for an unsupported or unsafe change; returns [] when nothing changes.
 */
export function diffFields(entity: EntityNames, before: readonly ParsedField[], after: readonly ParsedField[]): FieldChange[] {
  const changes = matchFields(before, after);
  refuseUnsafeChanges(entity, changes);
  return changes;
}

/** The changes without the safety checks: what differs, safe or not. */
export function matchFields(before: readonly ParsedField[], after: readonly ParsedField[]): FieldChange[] {
  const beforeByName = new Map(before.map((field) => [field.name, field]));
  const afterNames = new Set(after.map((field) => field.name));
  const added: FieldChange[] = [];
  const altered: FieldChange[] = [];
  for (const field of after) {
    const previous = beforeByName.get(field.name);
    if (previous === undefined) added.push({ kind: "add", field });
    else if (!sameField(previous, field)) altered.push({ kind: "alter", before: previous, after: field });
  }
  const removed = before.filter((field) => !afterNames.has(field.name)).map((field): FieldChange => ({ kind: "remove", field }));
  return [...added, ...altered, ...removed];
}

/** Equal in everything that reaches the schema, the database or the code; the token's spelling does not count. */
export function sameField(a: ParsedField, b: ParsedField): boolean {
  return (
    a.name === b.name &&
    a.type === b.type &&
    a.optional === b.optional &&
    a.unique === b.unique &&
    a.index === b.index &&
    a.default === b.default &&
    sameArgs(a, b)
  );
}

/**
 * One human line per change that drops data (a removed field's column, a removed reference), for
 * the confirmation prompt; [] when none. A rename is a removal plus an addition: the values are not
 * carried over, and the line says so when an added field could be the old one renamed.
 */
export function dataLossOf(entity: EntityNames, changes: readonly FieldChange[]): string[] {
  const added = changes.flatMap((change) => (change.kind === "add" ? [change.field] : []));
  return changes.flatMap((change) => {
    if (change.kind !== "remove") return [];
    const { field } = change;
    const column = columnOf(field);
    const enumType = typeOf(field).enumType?.(field, entity);
    const what =
      typeOf(field).relation === undefined
        ? `the column ${column} and every value in it`
        : `the column ${column} and every reference in it`;
    const withEnum = enumType === undefined ? "" : `, and the enum type ${enumType.name},`;
    const renamed = added.find((candidate) => candidate.type === field.type && sameArgs(candidate, field));
    const rename =
      renamed === undefined ? "" : ` ("${renamed.name}" is a new, empty column: a rename does not carry the values over)`;
    return [`Removing "${field.name}" from ${entity.pascal} drops ${what}${withEnum} for good${rename}.`];
  });
}

/** The line the confirmation of a destroy shows: the table, every row, and the entity's enum types go. */
export function dataLossOfDestroy(entity: EntityNames, fields: readonly ParsedField[]): string {
  const enums = fields.flatMap((field) => typeOf(field).enumType?.(field, entity).name ?? []);
  const withEnums = enums.length === 0 ? "" : `, and the enum type${enums.length > 1 ? "s" : ""} ${enums.join(", ")},`;
  return `Destroying ${entity.pascal} drops the table ${entity.pascal} and every row in it${withEnums} for good.`;
}

/**
 * One line per change whose migration fails, changing nothing, when the rows already stored do not
 * fit it: a field made required while rows hold NULL in it, a unique index over repeated values.
 * Prisma writes the same warnings into the migration; [] when none.
 */
export function failureRisksOf(entity: EntityNames, changes: readonly FieldChange[]): string[] {
  return changes.flatMap((change) => {
    if (change.kind !== "alter") return [];
    const { before, after } = change;
    const risks: string[] = [];
    if (before.optional && !after.optional) {
      risks.push(
        `Making "${after.name}" of ${entity.pascal} required: the migration stops, changing nothing, ` +
          `while a row holds no value in ${columnOf(after)}; fill those rows in before it runs.`,
      );
    }
    if (!before.unique && after.unique) {
      risks.push(
        `Making "${after.name}" of ${entity.pascal} unique: the migration stops, changing nothing, ` +
          `while two rows hold the same value in ${columnOf(after)}; make them differ before it runs.`,
      );
    }
    return risks;
  });
}

function sameArgs(a: ParsedField, b: ParsedField): boolean {
  return a.args.length === b.args.length && a.args.every((arg, index) => arg === b.args[index]);
}
