/**
 * Every field type of the DSL, keyed by its keyword. Adding a type takes a file of this folder, an
 * entry here and a row in test/unit/entity/field-types.test.ts.
 */
import { bigintType } from "./bigint.js";
import { booleanType } from "./boolean.js";
import { dateType } from "./date.js";
import { datetimeType } from "./datetime.js";
import { decimalType } from "./decimal.js";
import { enumType } from "./enum.js";
import type { FieldType, ParsedField } from "./field-type.js";
import { floatType } from "./float.js";
import { intType } from "./int.js";
import { jsonType } from "./json.js";
import { referencesType } from "./references.js";
import { stringType } from "./string.js";
import { textType } from "./text.js";
import { uuidType } from "./uuid.js";

export const fieldTypes = {
  string: stringType,
  text: textType,
  int: intType,
  bigint: bigintType,
  float: floatType,
  decimal: decimalType,
  boolean: booleanType,
  datetime: datetimeType,
  date: dateType,
  json: jsonType,
  uuid: uuidType,
  enum: enumType,
  references: referencesType,
} as const satisfies Record<string, FieldType>;

export type FieldTypeKey = keyof typeof fieldTypes;

export const fieldTypeKeys = Object.keys(fieldTypes) as FieldTypeKey[];

export function isFieldTypeKey(word: string): word is FieldTypeKey {
  return Object.hasOwn(fieldTypes, word);
}

export function typeOf(field: ParsedField): FieldType {
  return fieldTypes[field.type];
}

/** The column, and the domain property, that holds the field: a reference's foreign key, or the field itself. */
export function columnOf(field: ParsedField): string {
  return typeOf(field).relation?.(field).foreignKey ?? field.name;
}
