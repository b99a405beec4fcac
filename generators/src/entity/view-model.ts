/**
 * The view model the entity templates render from. Every decision about the generated code is made
 * here, in TypeScript: the zod schema of each field, the conversions between Prisma's values and the
 * domain's (Decimal and BigInt become strings, Json a plain object), sample values for builders,
 * invalid values for tests, and the checks of the in-memory repository. Templates only place the
 * prepared expressions.
 */
import type { DecimalField, FieldSpec, ReferenceField } from "./fields.js";
import type { EntityNames } from "./naming.js";

export interface FieldView {
  /** The domain property: the field's name, or the foreign key of a reference. */
  readonly name: string;
  readonly words: string;
  /** The words with their indefinite article: `a unit price`, `an email`. */
  readonly aWords: string;
  readonly optional: boolean;
  /** The zod schema of the stored value (nullable when optional), without a default. */
  readonly schema: string;
  /** The same for creating: with the default, or optional when the field is. */
  readonly newSchema: string;
  /** A valid value, from the builder's sequence number `n`. */
  readonly sample: string;
  /** A value the schema refuses. */
  readonly invalid: string;
}

export interface DateTextView {
  readonly name: string;
  readonly aWords: string;
  /** The field's value written as ISO text, and the same instant as a Date expression. */
  readonly text: string;
  readonly date: string;
}

export interface DefaultView {
  readonly name: string;
  readonly words: string;
  /** The vitest matcher call that the parsed default satisfies, e.g. `toBe(0)`. */
  readonly expectation: string;
}

export interface ConversionView {
  readonly name: string;
  /**
   * Prisma's input from `data.<name>` (create) and `changes.<name>` (update), and the domain value
   * from `row.<name>`; undefined where the value passes as it is.
   */
  readonly create: string | undefined;
  readonly update: string | undefined;
  readonly read: string | undefined;
}

export interface UniqueView {
  readonly name: string;
  readonly words: string;
  /** True when `row` repeats a value of one of `others` (in-memory repository). */
  readonly duplicate: string;
  /** Whether the builder's value may be copied as is into a second row to provoke the violation. */
  readonly testable: boolean;
}

export interface ReferenceView {
  readonly name: string;
  readonly foreignKey: string;
  readonly words: string;
  readonly optional: boolean;
  readonly selfReference: boolean;
  readonly target: TargetView;
  /** True when `row` points at a missing row (in-memory repository). */
  readonly missing: string;
}

export interface TargetView {
  /** True when the builder creates a record of this target for a required reference. */
  readonly built: boolean;
  readonly pascal: string;
  readonly camel: string;
  readonly kebab: string;
  readonly words: string;
  readonly aWords: string;
}

export interface EntityView {
  readonly entity: EntityNames;
  /** The entity's words with their indefinite article: `a product`, `an order line`. */
  readonly aEntity: string;
  readonly fields: readonly FieldView[];
  readonly requiredFields: readonly FieldView[];
  readonly optionalFields: readonly FieldView[];
  /** Optional fields without a default: absent on create, null once stored. */
  readonly nullOnCreate: readonly FieldView[];
  readonly defaults: readonly DefaultView[];
  readonly dateTexts: readonly DateTextView[];
  /** Fields whose values differ between Prisma and the domain, for each direction. */
  readonly createConversions: readonly ConversionView[];
  readonly updateConversions: readonly ConversionView[];
  readonly readConversions: readonly ConversionView[];
  /** The Prisma repository's import of the generated client. */
  readonly prismaImport: string;
  readonly uniques: readonly UniqueView[];
  readonly testableUniques: readonly UniqueView[];
  readonly references: readonly ReferenceView[];
  /** References the builder fills by creating the target: required, to another entity. */
  readonly builtReferences: readonly ReferenceView[];
  /** Other entities referenced, once each, for imports of their builders. */
  readonly targets: readonly TargetView[];
  readonly hasReferences: boolean;
  readonly hasBuiltReferences: boolean;
  readonly hasChecks: boolean;
  readonly hasUniques: boolean;
  readonly hasForeignKeys: boolean;
  readonly needsRandomUuidInBuilder: boolean;
  /** Whether the builder numbers its records (some sample value depends on the sequence). */
  readonly usesSequence: boolean;
  /** The stores of the targets, as the builder's store interface extends them: `CustomerStore, ProductStore`. */
  readonly targetStores: string;
  /** The header comment's field summary, e.g. `name:string:unique price:decimal(12,2)`. */
  readonly fieldSpec: string;
}

export function entityView(entity: EntityNames, fields: readonly FieldSpec[], fieldSpec: string): EntityView {
  const views = fields.map((field) => fieldView(field, `${entity.camel}Fields`));
  const references = fields.flatMap((field) => (field.kind === "references" ? [referenceView(field)] : []));
  const builtReferences = references.filter((reference) => !reference.optional && !reference.selfReference);
  const targets = uniqueBy(
    references.filter((reference) => !reference.selfReference).map((reference) => reference.target),
    (target) => target.pascal,
  ).map((target) => ({
    ...target,
    built: builtReferences.some((reference) => reference.target.pascal === target.pascal),
  }));
  const uniques = fields.flatMap((field) => (field.unique ? [uniqueView(field)] : []));
  const conversions = fields.flatMap((field) => {
    const conversion = conversionView(field, entity.pascal);
    return conversion === undefined ? [] : [conversion];
  });
  return {
    entity,
    aEntity: withArticle(entity.words),
    fields: views,
    requiredFields: views.filter((_view, index) => {
      const field = fields[index];
      return field !== undefined && !field.optional && field.default === undefined;
    }),
    optionalFields: views.filter((view) => view.optional),
    nullOnCreate: views.filter((_view, index) => {
      const field = fields[index];
      return field !== undefined && field.optional && field.default === undefined;
    }),
    defaults: fields.flatMap((field) => {
      const expectation = defaultExpectation(field);
      return expectation === undefined ? [] : [{ name: field.name, words: field.words, expectation }];
    }),
    dateTexts: fields.flatMap((field) => {
      const name = propertyOf(field);
      const aWords = withArticle(field.words);
      if (field.kind === "datetime") {
        return [{ name, aWords, text: '"2024-01-02T03:04:05.000Z"', date: 'new Date("2024-01-02T03:04:05.000Z")' }];
      }
      if (field.kind === "date") return [{ name, aWords, text: '"2024-01-02"', date: 'new Date("2024-01-02T00:00:00.000Z")' }];
      return [];
    }),
    createConversions: conversions.filter((conversion) => conversion.create !== undefined),
    updateConversions: conversions.filter((conversion) => conversion.update !== undefined),
    readConversions: conversions.filter((conversion) => conversion.read !== undefined),
    prismaImport: fields.some((field) => field.kind === "json" && field.optional)
      ? `import { Prisma, type PrismaClient, type ${entity.pascal} as ${entity.pascal}Row } from "../../generated/prisma/client.js";`
      : `import type { PrismaClient, ${entity.pascal} as ${entity.pascal}Row } from "../../generated/prisma/client.js";`,
    uniques,
    testableUniques: uniques.filter((unique) => unique.testable),
    references,
    builtReferences,
    targets,
    hasReferences: references.length > 0,
    hasBuiltReferences: builtReferences.length > 0,
    hasChecks: uniques.length > 0 || references.length > 0,
    hasUniques: uniques.length > 0,
    hasForeignKeys: references.length > 0,
    needsRandomUuidInBuilder: views.some((view) => view.sample.includes("randomUUID")),
    usesSequence: views.some((view) => /\bn\b/.test(view.sample)),
    targetStores: targets.map((target) => `${target.pascal}Store`).join(", "),
    fieldSpec,
  };
}

function propertyOf(field: FieldSpec): string {
  return field.kind === "references" ? field.foreignKey : field.name;
}

/** `fieldsObject` names the domain's object of base schemas, which the schema for creating reuses. */
function fieldView(field: FieldSpec, fieldsObject: string): FieldView {
  const base = baseSchema(field);
  const schema = field.optional ? `${base}.nullable()` : base;
  const fallback = defaultValue(field);
  const reused = `${fieldsObject}.${propertyOf(field)}`;
  const newSchema =
    fallback !== undefined ? `${reused}.default(${fallback})` : field.optional ? `${reused}.optional()` : reused;
  return {
    name: propertyOf(field),
    words: field.words,
    aWords: withArticle(field.words),
    optional: field.optional,
    schema,
    newSchema,
    sample: sampleValue(field),
    invalid: invalidValue(field),
  };
}

function baseSchema(field: FieldSpec): string {
  switch (field.kind) {
    case "string":
      return "z.string().min(1).max(255)";
    case "text":
      return "z.string().min(1)";
    case "int":
      return "z.int32()";
    case "bigint":
      return (
        'z.string().regex(/^-?\\d{1,19}$/, "an integer").refine((value) => ' +
        '!/^-?\\d+$/.test(value) || (BigInt(value) >= -(2n ** 63n) && BigInt(value) < 2n ** 63n), ' +
        '"out of range for a 64-bit integer")'
      );
    case "float":
      return "z.number()";
    case "decimal":
      return `z.string().regex(${decimalPattern(field)}, "${decimalDescription(field)}")`;
    case "boolean":
      return "z.boolean()";
    // Dates also come as ISO text: JSON over HTTP has no date type.
    case "datetime":
      return "z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))])";
    case "date":
      return "z.union([z.date(), z.iso.date().transform((text) => new Date(text))])";
    case "json":
      return "z.record(z.string(), z.json())";
    case "uuid":
    case "references":
      return "z.uuid()";
    case "enum":
      return `z.enum([${field.values.map((value) => JSON.stringify(value)).join(", ")}])`;
  }
}

function decimalPattern(field: DecimalField): string {
  if (field.precision === undefined || field.scale === undefined) return "/^-?\\d+(\\.\\d+)?$/";
  const room = field.precision - field.scale;
  const integer = room === 0 ? "0" : `\\d{1,${room}}`;
  const fraction = field.scale === 0 ? "" : `(\\.\\d{1,${field.scale}})?`;
  return `/^-?${integer}${fraction}$/`;
}

function decimalDescription(field: DecimalField): string {
  return field.precision === undefined ? "a decimal number" : `a decimal number that fits decimal(${field.precision},${field.scale})`;
}

/** The default as a TypeScript expression, in the form the Prisma repository reads back. */
function defaultValue(field: FieldSpec): string | undefined {
  if (field.default === undefined) return undefined;
  switch (field.kind) {
    case "string":
    case "text":
    case "bigint":
    case "enum":
      return JSON.stringify(field.default);
    case "decimal":
      return JSON.stringify(fixedDecimal(field.default, field.scale));
    case "int":
    case "float":
    case "boolean":
      return String(field.default);
    case "datetime":
    case "date":
      return "() => new Date()";
    case "uuid":
      return "() => crypto.randomUUID()";
    default:
      return undefined;
  }
}

function defaultExpectation(field: FieldSpec): string | undefined {
  if (field.default === undefined) return undefined;
  switch (field.kind) {
    case "datetime":
    case "date":
      return "toBeInstanceOf(Date)";
    case "uuid":
      return "toMatch(/^[0-9a-f-]{36}$/)";
    default: {
      const value = defaultValue(field);
      return value === undefined ? undefined : `toBe(${value})`;
    }
  }
}

/** `value` written with exactly `scale` digits after the point, as Prisma's Decimal.toFixed(scale) gives it. */
function fixedDecimal(value: string, scale: number | undefined): string {
  if (scale === undefined) return value;
  const negative = value.startsWith("-");
  const [integer = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const digits = scale === 0 ? integer : `${integer}.${fraction.padEnd(scale, "0")}`;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

function sampleValue(field: FieldSpec): string {
  switch (field.kind) {
    case "string":
    case "text":
      return `\`${field.words} \${String(n)}\``;
    case "int":
      return "n";
    case "bigint":
      return "String(9_007_199_254_740_993n + BigInt(n))";
    case "float":
      return "n + 0.5";
    case "decimal":
      return decimalSample(field);
    case "boolean":
      return "n % 2 === 0";
    case "datetime":
      return "new Date(Date.UTC(2024, 0, 1) + n * 1000)";
    case "date":
      return "new Date(Date.UTC(2024, 0, 1 + n))";
    case "json":
      return "{ sample: n }";
    case "uuid":
      return "randomUUID()";
    case "references":
      return field.optional ? "null" : "randomUUID()";
    case "enum":
      return JSON.stringify(field.values[0] ?? "");
  }
}

function decimalSample(field: DecimalField): string {
  if (field.precision === undefined || field.scale === undefined) return "`${String(n)}.25`";
  const room = field.precision - field.scale;
  const fraction = field.scale === 0 ? "" : `.${"25".slice(0, field.scale).padEnd(field.scale, "0")}`;
  if (room === 0) return JSON.stringify(`0${fraction}`);
  const modulus = `1${"0".repeat(Math.min(room, 6))}`;
  return fraction === "" ? `String(n % ${modulus})` : `\`\${String(n % ${modulus})}${fraction}\``;
}

function invalidValue(field: FieldSpec): string {
  switch (field.kind) {
    case "string":
    case "text":
      return '""';
    case "int":
      return "1.5";
    case "bigint":
      return '"1.5"';
    case "float":
      return '"1.5"';
    case "decimal":
      return '"not a number"';
    case "boolean":
      return '"yes"';
    case "datetime":
    case "date":
      return '"yesterday"';
    case "json":
      return '"text"';
    case "uuid":
    case "references":
      return '"not-a-uuid"';
    case "enum":
      return '"_NOT_A_VALUE"';
  }
}

function conversionView(field: FieldSpec, entity: string): ConversionView | undefined {
  const name = propertyOf(field);
  const data = `data.${name}`;
  const changes = `changes.${name}`;
  const row = `row.${name}`;
  switch (field.kind) {
    case "bigint":
      return field.optional
        ? {
            name,
            create: `${data} == null ? null : BigInt(${data})`,
            update: `${changes} == null ? ${changes} : BigInt(${changes})`,
            read: `${row} === null ? null : ${row}.toString()`,
          }
        : {
            name,
            create: `BigInt(${data})`,
            update: `${changes} === undefined ? undefined : BigInt(${changes})`,
            read: `${row}.toString()`,
          };
    case "decimal": {
      const digits = field.scale === undefined ? "" : String(field.scale);
      return {
        name,
        create: undefined,
        update: undefined,
        read: field.optional ? `${row} === null ? null : ${row}.toFixed(${digits})` : `${row}.toFixed(${digits})`,
      };
    }
    case "json": {
      const type = `Prisma.InputJsonValue`;
      return field.optional
        ? {
            name,
            create: `${data} == null ? Prisma.DbNull : (${data} as ${type})`,
            update: `${changes} === undefined ? undefined : ${changes} === null ? Prisma.DbNull : (${changes} as ${type})`,
            read: `${row} as ${entity}["${name}"]`,
          }
        : {
            name,
            create: undefined,
            update: undefined,
            read: `${row} as ${entity}["${name}"]`,
          };
    }
    default:
      return undefined;
  }
}

function uniqueView(field: FieldSpec): UniqueView {
  const name = propertyOf(field);
  const compare =
    field.kind === "datetime" || field.kind === "date"
      ? field.optional
        ? `others.some((other) => other.${name}?.getTime() === row.${name}?.getTime())`
        : `others.some((other) => other.${name}.getTime() === row.${name}.getTime())`
      : field.kind === "json"
        ? `others.some((other) => JSON.stringify(other.${name}) === JSON.stringify(row.${name}))`
        : `others.some((other) => other.${name} === row.${name})`;
  return {
    name,
    words: field.words,
    duplicate: field.optional ? `row.${name} !== null && ${compare}` : compare,
    // Booleans and enums repeat by nature: two rows from the builder already collide.
    testable: field.kind !== "boolean" && field.kind !== "enum" && !(field.kind === "references" && field.optional),
  };
}

function referenceView(field: ReferenceField): ReferenceView {
  const target: TargetView = {
    built: false,
    pascal: field.target.pascal,
    camel: field.target.camel,
    kebab: field.target.kebab,
    words: field.target.words,
    aWords: withArticle(field.target.words),
  };
  const check = `!memory.exists("${target.pascal}", row.${field.foreignKey})`;
  return {
    name: field.name,
    foreignKey: field.foreignKey,
    words: field.words,
    optional: field.optional,
    selfReference: field.selfReference,
    target,
    missing: field.optional ? `row.${field.foreignKey} !== null && ${check}` : check,
  };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

/** `a` or `an` before the words, by their first letter: close enough for names. */
function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? "an" : "a"} ${words}`;
}
