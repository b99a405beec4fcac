/**
 * The view model the entity templates render from. Every decision about the generated code is made
 * here, in TypeScript, from what each field's type object says (field-types/): the zod schema of each
 * field, the conversions between Prisma's values and the domain's, sample values for builders and
 * invalid values for tests. Templates only place the prepared expressions; what the in-memory
 * repository checks is the platform's (platform/memory-repository.ts), from the names given here.
 */
import type { ParsedField } from "./field-types/field-type.js";
import { columnOf, typeOf } from "./field-types/index.js";
import type { EntityNames } from "./naming.js";
import { relationsOf, type EntityRelation } from "./relations.js";

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
  readonly defaults: readonly DefaultView[];
  readonly dateTexts: readonly DateTextView[];
  /** Fields whose values differ between Prisma and the domain, for each direction. */
  readonly createConversions: readonly ConversionView[];
  readonly updateConversions: readonly ConversionView[];
  readonly readConversions: readonly ConversionView[];
  /** Whether the Prisma repository uses the `Prisma` namespace as a value (e.g. `Prisma.DbNull`). */
  readonly needsPrismaNamespace: boolean;
  readonly uniques: readonly UniqueView[];
  readonly testableUniques: readonly UniqueView[];
  readonly references: readonly ReferenceView[];
  /** References the builder fills by creating the target: required, to another entity. */
  readonly builtReferences: readonly ReferenceView[];
  /** Other entities referenced, once each, for imports of their builders. */
  readonly targets: readonly TargetView[];
  readonly hasBuiltReferences: boolean;
  readonly needsRandomUuidInBuilder: boolean;
  /** Whether the builder numbers its records (some sample value depends on the sequence). */
  readonly usesSequence: boolean;
  /** The stores of the targets, as the builder's store interface extends them: `CustomerStore, ProductStore`. */
  readonly targetStores: string;
  /** The header comment's field summary, e.g. `name:string:unique price:decimal(12,2)`. */
  readonly fieldSpec: string;
}

export function entityView(entity: EntityNames, fields: readonly ParsedField[], fieldSpec: string): EntityView {
  const views = fields.map((field) => fieldView(field, `${entity.camel}Fields`));
  const samples = fields.map((field) => typeOf(field).sample(field));
  const references = relationsOf(entity, fields).map(referenceView);
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
    defaults: fields.flatMap((field) => {
      const expectation = defaultExpectation(field);
      return expectation === undefined ? [] : [{ name: field.name, words: field.words, expectation }];
    }),
    dateTexts: fields.flatMap((field) => {
      const isoText = typeOf(field).isoText;
      return isoText === undefined ? [] : [{ name: columnOf(field), aWords: withArticle(field.words), ...isoText }];
    }),
    createConversions: conversions.filter((conversion) => conversion.create !== undefined),
    updateConversions: conversions.filter((conversion) => conversion.update !== undefined),
    readConversions: conversions.filter((conversion) => conversion.read !== undefined),
    needsPrismaNamespace: fields.some((field) => typeOf(field).needsPrismaNamespace?.(field) === true),
    uniques,
    testableUniques: uniques.filter((unique) => unique.testable),
    references,
    builtReferences,
    targets,
    hasBuiltReferences: builtReferences.length > 0,
    needsRandomUuidInBuilder: samples.some((sample) => sample.usesRandomUuid === true),
    usesSequence: samples.some((sample) => sample.usesSequence === true),
    targetStores: targets.map((target) => `${target.pascal}Store`).join(", "),
    fieldSpec,
  };
}

/** `fieldsObject` names the domain's object of base schemas, which the schema for creating reuses. */
function fieldView(field: ParsedField, fieldsObject: string): FieldView {
  const type = typeOf(field);
  const base = type.zod(field);
  const schema = field.optional ? `${base}.nullable()` : base;
  const fallback = type.defaultValue(field);
  const reused = `${fieldsObject}.${columnOf(field)}`;
  const newSchema =
    fallback !== undefined ? `${reused}.default(${fallback})` : field.optional ? `${reused}.optional()` : reused;
  return {
    name: columnOf(field),
    words: field.words,
    aWords: withArticle(field.words),
    optional: field.optional,
    schema,
    newSchema,
    sample: type.sample(field).code,
    invalid: type.invalid,
  };
}

function defaultExpectation(field: ParsedField): string | undefined {
  const type = typeOf(field);
  const value = type.defaultValue(field);
  if (value === undefined) return undefined;
  return type.defaultMatcher ?? `toBe(${value})`;
}

function conversionView(field: ParsedField, entity: string): ConversionView | undefined {
  const name = columnOf(field);
  const conversion = typeOf(field).convert?.(field, { property: name, entity });
  return conversion === undefined
    ? undefined
    : { name, create: conversion.create, update: conversion.update, read: conversion.read };
}

function uniqueView(field: ParsedField): UniqueView {
  return { name: columnOf(field), words: field.words, testable: !typeOf(field).samplesRepeat(field) };
}

function referenceView(relation: EntityRelation): ReferenceView {
  const target: TargetView = {
    built: false,
    pascal: relation.target.pascal,
    camel: relation.target.camel,
    kebab: relation.target.kebab,
    words: relation.target.words,
    aWords: withArticle(relation.target.words),
  };
  return {
    name: relation.field.name,
    foreignKey: relation.foreignKey,
    words: relation.field.words,
    optional: relation.field.optional,
    selfReference: relation.selfReference,
    target,
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
