/**
 * The view model the entity templates render from: values, never TypeScript. Every decision about
 * the generated code is made here, from what each field's type object says (field-types/): the
 * shape of each field's schema, default and builder sample (a kind that picks the template's inline
 * partial, with its literals), the calls of platform functions where Prisma's values differ from
 * the domain's, and the literals tests use. What the in-memory repository checks is the platform's
 * (platform/memory-repository.ts), from the names given here.
 */
import type { DomainDefault, IsoText, Literal, ParsedField, PlatformCall, SampleShape, SchemaShape } from "./field-types/field-type.js";
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
  /** The zod schema of the stored value, before `.nullable()` for an optional field. */
  readonly schema: SchemaShape;
  /** What the schema for creating fills in; an optional field without one may be absent. */
  readonly defaultValue: DomainDefault | undefined;
  /** A valid value, from the builder's sequence number `n`. */
  readonly sample: SampleShape;
  /** A value the schema refuses. */
  readonly invalid: Literal;
}

export interface DateTextView extends IsoText {
  readonly name: string;
  readonly aWords: string;
}

export interface DefaultView {
  readonly name: string;
  readonly words: string;
  readonly defaultValue: DomainDefault;
}

/** A field whose value differs between Prisma and the domain, and the platform function that converts it. */
export interface ConversionView extends PlatformCall {
  readonly name: string;
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
  /** The schemas of platform/field-schemas.ts the domain file calls, sorted. */
  readonly schemaImports: readonly string[];
  /** Conversions of the domain's values into Prisma's, for create and update. */
  readonly toPrisma: readonly ConversionView[];
  /** Conversions of a row's values into the domain's. */
  readonly fromPrisma: readonly ConversionView[];
  /** The functions of platform/db/prisma-values.ts the Prisma repository calls, sorted. */
  readonly prismaValueImports: readonly string[];
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
  /** The header comment's field summary, e.g. `name:string:unique price:decimal(12,2)`. */
  readonly fieldSpec: string;
}

/** Sample kinds the builder writes without its sequence number. */
const constantSamples: readonly SampleShape["kind"][] = ["value", "randomUuid"];

export function entityView(entity: EntityNames, fields: readonly ParsedField[], fieldSpec: string): EntityView {
  const views = fields.map(fieldView);
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
    const conversion = typeOf(field).prismaConversion?.(field);
    return conversion === undefined ? [] : [{ name: columnOf(field), ...conversion }];
  });
  const toPrisma = conversions.flatMap(({ name, toPrisma: call }) => (call === undefined ? [] : [{ name, ...call }]));
  const fromPrisma = conversions.map(({ name, fromPrisma: call }) => ({ name, ...call }));
  return {
    entity,
    aEntity: withArticle(entity.words),
    fields: views,
    requiredFields: views.filter((view) => !view.optional && view.defaultValue === undefined),
    optionalFields: views.filter((view) => view.optional),
    defaults: views.flatMap(({ name, words, defaultValue }) => (defaultValue === undefined ? [] : [{ name, words, defaultValue }])),
    dateTexts: fields.flatMap((field) => {
      const isoText = typeOf(field).isoText;
      return isoText === undefined ? [] : [{ name: columnOf(field), aWords: withArticle(field.words), ...isoText }];
    }),
    schemaImports: sortedNames(views.flatMap(({ schema }) => (schema.kind === "call" ? [schema.function] : []))),
    toPrisma,
    fromPrisma,
    prismaValueImports: sortedNames([...toPrisma, ...fromPrisma].map((call) => call.function)),
    uniques,
    testableUniques: uniques.filter((unique) => unique.testable),
    references,
    builtReferences,
    targets,
    hasBuiltReferences: builtReferences.length > 0,
    needsRandomUuidInBuilder: views.some((view) => view.sample.kind === "randomUuid"),
    usesSequence: views.some((view) => !constantSamples.includes(view.sample.kind)),
    fieldSpec,
  };
}

function fieldView(field: ParsedField): FieldView {
  const type = typeOf(field);
  return {
    name: columnOf(field),
    words: field.words,
    aWords: withArticle(field.words),
    optional: field.optional,
    schema: type.schema(field),
    defaultValue: type.domainDefault(field),
    sample: type.sample(field),
    invalid: type.invalid,
  };
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

function sortedNames(names: readonly string[]): string[] {
  return [...new Set(names)].sort();
}

/** `a` or `an` before the words, by their first letter: close enough for names. */
function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? "an" : "a"} ${words}`;
}
