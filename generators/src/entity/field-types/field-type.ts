/**
 * What the generator knows about one field type, in one object: how its arguments and default are
 * written, its column in schema.prisma and in SQL, its zod schema, the values tests use, and how a
 * Prisma row maps back to the domain. Every type lives in a file of this folder and in the map of
 * index.ts; nothing else in the generator asks which type a field has.
 */
import type { EntityNames, FieldNames } from "../naming.js";
import type { FieldTypeKey } from "./index.js";

/** Throws the one-line message for a bad token: the problem, the token, then what is allowed. */
export type Fail = (problem: string, hint?: string) => never;

/** A field as the DSL wrote it, checked and normalized, with nothing decided about storage. */
export interface ParsedField {
  /** camelCase: the property, the Prisma field and the column. */
  readonly name: string;
  /** PascalCase, e.g. for `<Entity><Field>` type names. */
  readonly pascal: string;
  /** Lower-case words, for messages and labels. */
  readonly words: string;
  /** The token as written, for messages. */
  readonly source: string;
  readonly type: FieldTypeKey;
  /** The type's arguments, normalized: `["12", "2"]`, enum values, the referenced model. */
  readonly args: readonly string[];
  /** Nullable in the database; absent (or null) in the domain. */
  readonly optional: boolean;
  /** A unique index on the column. */
  readonly unique: boolean;
  /** A plain index on the column. */
  readonly index: boolean;
  /** The default literal in its canonical text, e.g. `0`, `untitled`, `now`, `DRAFT`. */
  readonly default: string | undefined;
}

/** A builder's value: an expression, and what in the builder it uses. */
export interface Sample {
  readonly code: string;
  /** Uses the builder's sequence number `n`. */
  readonly usesSequence?: boolean;
  /** Calls `randomUUID()` from node:crypto. */
  readonly usesRandomUuid?: boolean;
}

/** What a type's argument parser may consult. */
export interface ArgumentContext {
  readonly field: FieldNames;
  readonly entity: EntityNames;
  /** Pascal names of the models already in schema.prisma. */
  readonly existingModels: readonly string[];
  readonly fail: Fail;
}

export interface PrismaColumn {
  /** The type in schema.prisma, without `?`: `String`, `Decimal`, `ProductStatus`. */
  readonly type: string;
  /** The native type attribute, e.g. `@db.VarChar(255)`. */
  readonly nativeType?: string | undefined;
  /** What goes inside `@default(...)`, e.g. `0`, `"draft"`, `now()`. */
  readonly default?: string | undefined;
}

export interface SqlColumn {
  /** The column type in the migration, e.g. `VARCHAR(255)`, `"ProductStatus"`. */
  readonly type: string;
  readonly default?: string | undefined;
}

/**
 * TypeScript expressions for values that differ between Prisma and the domain: Prisma's input from
 * `data.<name>` (create) and `changes.<name>` (update), the domain value from `row.<name>`.
 */
export interface Conversion {
  readonly create?: string;
  readonly update?: string;
  readonly read?: string;
}

/** Where the generated code finds a field's value. */
export interface ValueAccess {
  /** The domain property. */
  readonly property: string;
  /** The domain type's name, e.g. `Product`. */
  readonly entity: string;
}

export interface EnumType {
  readonly name: string;
  readonly values: readonly string[];
}

export interface Relation {
  /** The referenced model's Pascal name. */
  readonly target: string;
  /** The scalar column holding the target's id. */
  readonly foreignKey: string;
}

export interface FieldType {
  /** Checks what is written inside the type's parentheses (undefined without them), normalized; absent when the type takes none. */
  readonly parseArguments?: (text: string | undefined, context: ArgumentContext) => readonly string[];
  /** Checks a `default(<literal>)` against the type and returns its canonical text. */
  parseDefault(text: string, args: readonly string[], fail: Fail): string;
  /** True when every such column is indexed unless unique (foreign keys). */
  readonly indexed?: boolean;
  /** True when the type takes no `default(...)` at all. */
  readonly defaultless?: boolean;
  /**
   * True when Prisma compares the column's defaults as numbers: `1.5` and `1.50` are then the same
   * default, and changing one into the other changes no column.
   */
  readonly numericDefault?: boolean;
  prisma(field: ParsedField, entity: EntityNames): PrismaColumn;
  sql(field: ParsedField, entity: EntityNames): SqlColumn;
  /** The zod schema of a stored value, not yet nullable. */
  zod(field: ParsedField): string;
  /** The default as a TypeScript expression, in the form the Prisma repository reads back. */
  defaultValue(field: ParsedField): string | undefined;
  /** The vitest matcher a parsed default satisfies, when `toBe(<default>)` does not fit. */
  readonly defaultMatcher?: string;
  /** A valid value for builders. */
  sample(field: ParsedField): Sample;
  /** A value the schema refuses. */
  readonly invalid: string;
  /** Whether two builder values may be equal (or null), so a copied value cannot prove a unique check. */
  samplesRepeat(field: ParsedField): boolean;
  readonly convert?: (field: ParsedField, access: ValueAccess) => Conversion;
  /** Whether the Prisma repository needs the `Prisma` namespace as a value (e.g. `Prisma.DbNull`). */
  readonly needsPrismaNamespace?: (field: ParsedField) => boolean;
  /** A value written as ISO text that the schema reads, and the same instant as a Date expression. */
  readonly isoText?: { readonly text: string; readonly date: string };
  readonly enumType?: (field: ParsedField, entity: EntityNames) => EnumType;
  readonly relation?: (field: ParsedField) => Relation;
}
