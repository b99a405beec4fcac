/**
 * The field DSL: space-separated tokens `name:type[?][:modifier]...`, for example
 * `price:decimal(12,2) status:enum(DRAFT,ACTIVE):default(DRAFT) category:references?`.
 * `parseFields` turns it into `FieldSpec`s, the view model that the Prisma schema, the migration and
 * the templates are rendered from.
 */
import { GeneratorError } from "../errors.js";
import { constraintName, maxIdentifierLength } from "./constraint-names.js";
import {
  decimalDefault,
  floatDefault,
  integerDefault,
  keywordDefault,
  stringDefault,
  type Fail,
} from "./field-defaults.js";
import { fieldNames, relationTargetNames, type EntityNames, type FieldNames } from "./naming.js";


export type FieldKind = FieldSpec["kind"];

export const fieldKinds = [
  "string", "text", "int", "bigint", "float", "decimal", "boolean", "datetime", "date", "json", "uuid",
  "enum", "references",
] as const;

interface FieldBase {
  /** camelCase: the property, the Prisma field and the column. */
  readonly name: string;
  /** PascalCase, e.g. for `<Entity><Field>` type names. */
  readonly pascal: string;
  /** Lower-case words, for messages and labels. */
  readonly words: string;
  /** The token as written, for messages. */
  readonly source: string;
  /** Nullable in the database; absent (or null) in the domain. */
  readonly optional: boolean;
  /** A unique index on the column (for references: on the foreign key, which makes it one-to-one). */
  readonly unique: boolean;
  /** A plain index on the column. Always true for references that are not unique: foreign keys are indexed. */
  readonly index: boolean;
  /** The field's type in schema.prisma, without `?`: `String`, `Decimal`, `ProductStatus`, `Category`. */
  readonly prismaType: string;
  /** The native type attribute, e.g. `@db.VarChar(255)`, `@db.Decimal(12, 2)`, `@db.Uuid`, `@db.Date`. */
  readonly dbAttribute: string | undefined;
  /** What goes inside `@default(...)` in schema.prisma, e.g. `0`, `"draft"`, `DRAFT`, `now()`, `uuid()`. */
  readonly prismaDefault: string | undefined;
}

interface ScalarField<K extends string, D> extends FieldBase {
  readonly kind: K;
  readonly default: D | undefined;
}

export type StringField = ScalarField<"string", string>;
export type TextField = ScalarField<"text", string>;
export type IntField = ScalarField<"int", number>;
/** The default is exact decimal text, as for decimal: a JavaScript bigint would not survive JSON. */
export type BigIntField = ScalarField<"bigint", string>;
export type FloatField = ScalarField<"float", number>;
export type BooleanField = ScalarField<"boolean", boolean>;
export type DateTimeField = ScalarField<"datetime", "now">;
export type DateField = ScalarField<"date", "now">;
export type JsonField = ScalarField<"json", never>;
export type UuidField = ScalarField<"uuid", "uuid">;

export interface DecimalField extends ScalarField<"decimal", string> {
  /** Both undefined for a plain `decimal`, which Prisma maps to DECIMAL(65,30). */
  readonly precision: number | undefined;
  readonly scale: number | undefined;
}

export interface EnumField extends ScalarField<"enum", string> {
  /** `<EntityPascal><FieldPascal>`, e.g. `ProductStatus`. */
  readonly enumName: string;
  readonly values: readonly string[];
}

export interface ReferenceField extends ScalarField<"references", never> {
  readonly target: EntityNames;
  /** True when the entity references itself. */
  readonly selfReference: boolean;
  /** The scalar column holding the target's id: `<name>Id`, always `String @db.Uuid`. */
  readonly foreignKey: string;
  /** Set when the relation needs a name: several references to one target, or a self-reference. */
  readonly relationName: string | undefined;
  /** The field added to the target model that lists (or, when unique, holds) the referencing rows. */
  readonly backRelationField: string;
  /** False for a unique reference (one-to-one): the back-relation is then `<Entity>?`, not `<Entity>[]`. */
  readonly backRelationList: boolean;
}

export type FieldSpec =
  | StringField | TextField | IntField | BigIntField | FloatField | DecimalField | BooleanField
  | DateTimeField | DateField | JsonField | UuidField | EnumField | ReferenceField;

export interface FieldContext {
  readonly entity: EntityNames;
  /** Pascal names of the models already in schema.prisma. */
  readonly existingModels: readonly string[];
}

export function parseFields(spec: string, context: FieldContext): FieldSpec[] {
  const tokens = spec.split(/\s+/).filter((token) => token !== "");
  const fields = tokens.map((token) => parseField(token, context));
  const named = nameRelations(fields, context.entity);
  refuseDuplicates(named, context.entity);
  refuseCollidingIndexNames(named, context.entity);
  return named;
}

const int32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const plainDecimal = { precision: 65, scale: 30 };
const varcharLength = 255;
const modifierHint = "Modifiers are unique, index and default(<value>).";
const tooLongHint = `PostgreSQL's limit is ${maxIdentifierLength} characters; shorten the field name.`;

interface Token {
  readonly source: string;
  readonly names: FieldNames;
  readonly type: string;
  readonly args: string | undefined;
  readonly optional: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  readonly defaultText: string | undefined;
}

type Base = Omit<FieldBase, "prismaType" | "dbAttribute" | "prismaDefault">;

function parseField(source: string, context: FieldContext): FieldSpec {
  const fail: Fail = (problem, hint) => {
    throw new GeneratorError(`${problem} in "${source}".${hint === undefined ? "" : ` ${hint}`}`);
  };
  const [namePart = "", typePart = "", ...modifierParts] = splitTopLevel(source, ":");
  if (namePart === "") fail("Missing field name", "Write name:type, e.g. title:string.");
  if (typePart === "") fail("Missing type", `Write ${namePart}:<type>, e.g. ${namePart}:string.`);
  const names = fieldNames(namePart);

  const type =
    /^([A-Za-z]+)(?:\((.*)\))?(\?)?$/.exec(typePart) ??
    fail(`Malformed type "${typePart}"`, "Write type[?], e.g. string, decimal(12,2) or enum(A,B)?.");
  const [, typeWord = "", args, question] = type;
  const typeName = typeWord.toLowerCase();
  if (!(fieldKinds as readonly string[]).includes(typeName)) {
    fail(`Unknown field type "${typeWord}"`, `Known types: ${fieldKinds.join(", ")}.`);
  }
  if (args !== undefined && typeName !== "decimal" && typeName !== "enum" && typeName !== "references") {
    fail(`Type "${typeName}" takes no arguments`);
  }

  const seen = new Set<string>();
  let defaultText: string | undefined;
  for (const part of modifierParts) {
    const modifier = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(part) ?? fail(`Malformed modifier "${part}"`, modifierHint);
    const [, word = "", argument] = modifier;
    const keyword = word.toLowerCase();
    if (keyword !== "unique" && keyword !== "index" && keyword !== "default") {
      fail(`Unknown modifier "${part}"`, modifierHint);
    }
    if (seen.has(keyword)) fail(`Repeated modifier "${keyword}"`);
    seen.add(keyword);
    if (keyword === "default") {
      if (argument === undefined || argument === "") fail(`Malformed modifier "${part}"`, "Write default(<value>).");
      defaultText = argument;
    } else if (argument !== undefined) {
      fail(`Modifier "${keyword}" takes no arguments`);
    }
  }
  if (seen.has("unique") && seen.has("index")) {
    fail(`Modifiers "unique" and "index" together`, "A unique field is already indexed; keep one of them.");
  }

  const token: Token = {
    source,
    names,
    type: typeName,
    args,
    optional: question === "?",
    unique: seen.has("unique"),
    index: seen.has("index"),
    defaultText,
  };
  return toFieldSpec(token, context, fail);
}

function toFieldSpec(token: Token, context: FieldContext, fail: Fail): FieldSpec {
  const { type, defaultText } = token;
  const base: Base = {
    name: token.names.camel,
    pascal: token.names.pascal,
    words: token.names.words,
    source: token.source,
    optional: token.optional,
    unique: token.unique,
    index: token.index,
  };
  const scalar = <K extends string, D>(
    kind: K,
    prismaType: string,
    dbAttribute: string | undefined,
    value: D | undefined,
    prismaDefault: string | undefined,
  ) => ({ ...base, kind, prismaType, dbAttribute, default: value, prismaDefault });
  const withDefault = <T>(parse: (text: string) => T): T | undefined =>
    defaultText === undefined ? undefined : parse(defaultText);

  switch (type) {
    case "string": {
      const value = withDefault((text) => stringDefault(text, varcharLength, fail));
      return scalar("string", "String", `@db.VarChar(${varcharLength})`, value, stringLiteral(value));
    }
    case "text": {
      const value = withDefault((text) => stringDefault(text, undefined, fail));
      return scalar("text", "String", undefined, value, stringLiteral(value));
    }
    case "int": {
      const text = withDefault((literal) => integerDefault(literal, int32, type, fail));
      return scalar("int", "Int", undefined, text === undefined ? undefined : Number(text), text);
    }
    case "bigint": {
      const text = withDefault((literal) => integerDefault(literal, int64, type, fail));
      return scalar("bigint", "BigInt", undefined, text, text);
    }
    case "float": {
      const text = withDefault((literal) => floatDefault(literal, fail));
      return scalar("float", "Float", undefined, text === undefined ? undefined : Number(text), text);
    }
    case "decimal":
      return decimalField(token, base, fail);
    case "boolean": {
      if (defaultText !== undefined && defaultText !== "true" && defaultText !== "false") {
        fail(`Default "${defaultText}" does not fit boolean`, "Write default(true) or default(false).");
      }
      const value = withDefault((text) => text === "true");
      return scalar("boolean", "Boolean", undefined, value, defaultText);
    }
    case "datetime":
    case "date": {
      const value = withDefault((text) => keywordDefault(text, "now", type, fail));
      const prismaDefault = value === undefined ? undefined : "now()";
      return type === "date"
        ? scalar("date", "DateTime", "@db.Date", value, prismaDefault)
        : scalar("datetime", "DateTime", undefined, value, prismaDefault);
    }
    case "json":
      if (defaultText !== undefined) fail("A default on json", "Fields of type json take no default.");
      return scalar<"json", never>("json", "Json", undefined, undefined, undefined);
    case "uuid": {
      const value = withDefault((text) => keywordDefault(text, "uuid", type, fail));
      return scalar("uuid", "String", "@db.Uuid", value, value === undefined ? undefined : "uuid()");
    }
    case "enum":
      return enumField(token, base, context, fail);
    case "references":
      return referenceField(token, base, context, fail);
    default:
      return fail(`Unknown field type "${type}"`, `Known types: ${fieldKinds.join(", ")}.`);
  }
}

function stringLiteral(value: string | undefined): string | undefined {
  return value === undefined ? undefined : `"${value}"`;
}

function decimalField(token: Token, base: Base, fail: Fail): DecimalField {
  let precision: number | undefined;
  let scale: number | undefined;
  if (token.args !== undefined) {
    const match =
      /^(\d+),(\d+)$/.exec(token.args) ??
      fail(`Malformed type "decimal(${token.args})"`, "Write decimal or decimal(P,S), e.g. decimal(12,2).");
    precision = Number(match[1]);
    scale = Number(match[2]);
    if (precision < 1 || precision > 1000) {
      fail(`Decimal precision ${precision} out of range`, "Precision goes from 1 to 1000.");
    }
    if (scale > precision) {
      fail(`Decimal scale ${scale} larger than the precision ${precision}`, "The scale goes from 0 to the precision.");
    }
  }
  const limits = { precision: precision ?? plainDecimal.precision, scale: scale ?? plainDecimal.scale };
  const value = token.defaultText === undefined ? undefined : decimalDefault(token.defaultText, limits, fail);
  return {
    ...base,
    kind: "decimal",
    prismaType: "Decimal",
    dbAttribute: precision === undefined ? undefined : `@db.Decimal(${precision}, ${scale})`,
    default: value,
    prismaDefault: value,
    precision,
    scale,
  };
}

function enumField(token: Token, base: Base, context: FieldContext, fail: Fail): EnumField {
  if (token.args === undefined || token.args === "") fail("Enum without values", "Write enum(A,B,...).");
  const values = token.args.split(",");
  const seen = new Set<string>();
  for (const value of values) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(value)) {
      fail(`Invalid enum value "${value}"`, 'Values start with a letter and use only letters, digits and "_".');
    }
    if (seen.has(value)) fail(`Repeated enum value "${value}"`);
    seen.add(value);
  }
  const enumName = `${context.entity.pascal}${base.pascal}`;
  if (context.existingModels.includes(enumName)) {
    fail(`Enum type ${enumName} would clash with the model ${enumName}`, "Rename the field.");
  }
  if (enumName.length > maxIdentifierLength) {
    fail(`Enum type name ${enumName} too long`, tooLongHint);
  }
  const value = token.defaultText;
  if (value !== undefined && !seen.has(value)) {
    fail(`Default "${value}" is not a value of the enum`, `Values: ${values.join(", ")}.`);
  }
  return {
    ...base,
    kind: "enum",
    prismaType: enumName,
    dbAttribute: undefined,
    default: value,
    prismaDefault: value,
    enumName,
    values,
  };
}

function referenceField(token: Token, base: Base, context: FieldContext, fail: Fail): ReferenceField {
  if (token.defaultText !== undefined) fail("A default on a reference", "References take no default.");
  if (token.args === "") fail('Malformed type "references()"', "Write references or references(Entity).");
  const isSelf = (pascal: string): boolean => pascal === context.entity.pascal;
  const isKnown = (pascal: string): boolean => isSelf(pascal) || context.existingModels.includes(pascal);
  const target = relationTargetNames(token.args ?? base.name, isKnown);
  if (!isKnown(target.pascal)) {
    const existing = [...context.existingModels].sort((a, b) => a.localeCompare(b));
    fail(
      `Unknown relation target "${target.pascal}"`,
      `Existing entities: ${existing.length > 0 ? existing.join(", ") : "none"}.`,
    );
  }
  const foreignKey = `${base.name}Id`;
  if (foreignKey.length > maxIdentifierLength) {
    fail(`Foreign key ${foreignKey} too long`, tooLongHint);
  }
  return {
    ...base,
    index: !token.unique,
    kind: "references",
    prismaType: target.pascal,
    dbAttribute: undefined,
    default: undefined,
    prismaDefault: undefined,
    target,
    selfReference: isSelf(target.pascal),
    foreignKey,
    relationName: undefined,
    backRelationField: token.unique ? context.entity.camel : context.entity.pluralCamel,
    backRelationList: !token.unique,
  };
}

// Prisma needs a relation name to tell apart several relations between the same two models (a
// self-relation is two ends in one model), and the back-relation fields then need distinct names.
function nameRelations(fields: FieldSpec[], entity: EntityNames): FieldSpec[] {
  const perTarget = new Map<string, number>();
  for (const field of fields) {
    if (field.kind === "references") perTarget.set(field.target.pascal, (perTarget.get(field.target.pascal) ?? 0) + 1);
  }
  return fields.map((field) => {
    if (field.kind !== "references") return field;
    if (!field.selfReference && perTarget.get(field.target.pascal) === 1) return field;
    return {
      ...field,
      relationName: `${entity.pascal}${field.pascal}`,
      backRelationField: `${field.name}${field.backRelationList ? entity.pluralPascal : entity.pascal}`,
    };
  });
}

function refuseDuplicates(fields: readonly FieldSpec[], entity: EntityNames): void {
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
    if (field.kind === "references") claim(field.foreignKey, field.source, "creates it");
  }
  // A self-reference adds its back-relation to this very model.
  for (const field of fields) {
    if (field.kind === "references" && field.selfReference) {
      claim(field.backRelationField, field.source, `adds it to ${entity.pascal} as the other end of the relation`);
    }
  }
}

// Prisma keeps unique and plain indexes in one namespace and the foreign keys of a table in another;
// names cut to PostgreSQL's length may meet in either.
function refuseCollidingIndexNames(fields: readonly FieldSpec[], entity: EntityNames): void {
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
  for (const field of fields) {
    const column = field.kind === "references" ? field.foreignKey : field.name;
    if (field.unique || field.index) {
      claim(constraintName(entity.pascal, [column], field.unique ? "key" : "idx"), field.source);
    }
    if (field.kind === "references") claim(constraintName(entity.pascal, [column], "fkey"), field.source);
  }
}

/** Splits on `separator` outside parentheses, so `enum(A,B):default(A)` keeps its arguments whole. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth = Math.max(0, depth - 1);
    if (char === separator && depth === 0) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
