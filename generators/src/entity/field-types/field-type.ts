/**
 * What the generator knows about one field type, in one object: how its arguments and default are
 * written, its column in schema.prisma and in SQL, its zod schema, the values tests use, and how a
 * Prisma row maps back to the domain. Every type lives in a file of this folder and in the map of
 * index.ts; nothing else in the generator asks which type a field has.
 *
 * What goes to the templates is values, never TypeScript: a kind that picks the template's inline
 * partial of that name, with the literals it needs, or the name of a platform function (generated
 * projects' src/platform/) with literal arguments.
 */
import type { Literal } from "../../shared/render-template.js";
import type { EntityNames, FieldNames } from "../naming.js";
import type { FieldTypeKey } from "./index.js";

export type { Literal };

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

/** A call of a platform function with literal arguments, e.g. `decimalSchema({ precision: 12, scale: 2 })`. */
export interface PlatformCall {
  readonly function: string;
  readonly args: readonly Literal[];
}

/**
 * The zod schema of a stored value, not yet nullable: a plain zod shape the domain template writes
 * (`text` is `z.string().min(1)`, with `.max()` given a maximum), or a call of a schema of
 * platform/field-schemas.ts.
 */
export type SchemaShape =
  | { readonly kind: "text"; readonly maxLength?: number }
  | { readonly kind: "int32" | "number" | "boolean" | "uuid" | "jsonObject" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | ({ readonly kind: "call" } & PlatformCall);

/** What the schema for creating fills in for an absent field: a literal, the current time or a random UUID. */
export type DomainDefault = { readonly kind: "value"; readonly value: Literal } | { readonly kind: "now" | "randomUuid" };

/**
 * A builder's value, as a shape the builder template writes from its sequence number `n`: the
 * field's words and `n` (`name 3`), `n` itself (`sequence`), a decimal of `n` modulo `modulus` with
 * a fixed `fraction` (`.25`, or none), one shape per other kind; or a literal the same in every row.
 */
export type SampleShape =
  | { readonly kind: "words"; readonly words: string }
  | { readonly kind: "sequence" | "bigint" | "float" | "boolean" | "datetime" | "date" | "json" | "randomUuid" }
  | { readonly kind: "decimal"; readonly modulus: number; readonly fraction: string }
  | { readonly kind: "value"; readonly value: Literal };

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
 * How a value that differs between Prisma and the domain converts: calls of platform/db/prisma-values.ts,
 * the value as their first argument. The same call serves create and update.
 */
export interface PrismaConversion {
  /** Absent where Prisma takes the domain's value as it is. */
  readonly toPrisma?: PlatformCall;
  readonly fromPrisma: PlatformCall;
}

/** A value written as ISO text that the schema reads, and the instant it stands for. */
export interface IsoText {
  readonly text: string;
  readonly instant: string;
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
  prisma(field: ParsedField, entity: EntityNames): PrismaColumn;
  sql(field: ParsedField, entity: EntityNames): SqlColumn;
  schema(field: ParsedField): SchemaShape;
  /** The default in the domain, in the form the Prisma repository reads back. */
  domainDefault(field: ParsedField): DomainDefault | undefined;
  /** A valid value for builders. */
  sample(field: ParsedField): SampleShape;
  /** A value the schema refuses. */
  readonly invalid: Literal;
  /** Whether two builder values may be equal (or null), so a copied value cannot prove a unique check. */
  samplesRepeat(field: ParsedField): boolean;
  readonly prismaConversion?: (field: ParsedField) => PrismaConversion;
  readonly isoText?: IsoText;
  readonly enumType?: (field: ParsedField, entity: EntityNames) => EnumType;
  readonly relation?: (field: ParsedField) => Relation;
}
