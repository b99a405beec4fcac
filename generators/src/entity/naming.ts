import { camelCase, kebabCase, pascalCase, snakeCase, split } from "change-case";
import pluralize from "pluralize";
import { GeneratorError } from "../errors.js";
import { validateEntityName, validateFieldName } from "./reserved.js";

/** Every spelling of an entity's name that templates and the Prisma schema need. */
export interface EntityNames {
  /** `LineItem`: types, the Prisma model and its table. */
  readonly pascal: string;
  /** `lineItem`: variables and the router key. */
  readonly camel: string;
  /** `line-item`: file and folder names. */
  readonly kebab: string;
  /** `line_item`: migration folder names. */
  readonly snake: string;
  readonly pluralPascal: string;
  readonly pluralCamel: string;
  readonly pluralKebab: string;
  readonly pluralSnake: string;
  /** `line item`: messages and documentation. */
  readonly words: string;
  readonly pluralWords: string;
}

/** The spellings of a field's name. */
export interface FieldNames {
  /** `unitPrice`: the property, the Prisma field and the column. */
  readonly camel: string;
  /** `UnitPrice`: appended to the entity for enum types and relation names. */
  readonly pascal: string;
  /** `unit price`: messages and labels. */
  readonly words: string;
}

const entityNamePattern = /^[A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z0-9]+)*$/;
const fieldNamePattern = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;

/**
 * Normalizes an entity name given as `LineItem`, `lineItem`, `line-item`, `line_item` or
 * `line item` (singular or plural) into all its spellings. An explicit plural replaces the
 * inflection: the name is then taken as the singular exactly as written.
 */
export function entityNames(input: string, options: { plural?: string } = {}): EntityNames {
  const names = inflect(input, options.plural, options.plural !== undefined);
  validateEntityName(input, names);
  // Generated code names one record and a list of them apart: `product` and `products`.
  if (names.pascal === names.pluralPascal) {
    throw new GeneratorError(
      `Entity name "${input}" has the same singular and plural ("${names.pluralWords}"); ` +
        "give a distinct plural explicitly.",
    );
  }
  return names;
}

/**
 * The names of an entity that a relation points at, read the way `entityNames` reads them, or, when
 * that finds no known model, exactly as written: `canvas` may name a model `Canvas` that was created
 * with an explicit plural, although inflection would singularize it to "canva". Nothing is refused
 * here: a known model was valid when it was created, and an unknown one is for the caller to report.
 */
export function relationTargetNames(input: string, isKnown: (pascal: string) => boolean): EntityNames {
  const inflected = inflect(input, undefined, false);
  if (isKnown(inflected.pascal)) return inflected;
  const asWritten = inflect(input, undefined, true);
  return isKnown(asWritten.pascal) ? asWritten : inflected;
}

/** Normalizes a field name given as `unitPrice`, `unit_price` or `unit-price`. */
export function fieldNames(input: string): FieldNames {
  const words = wordsOf(input, fieldNamePattern, "field name", '"-" or "_"');
  const text = words.join(" ");
  const names: FieldNames = { camel: camelCase(text), pascal: pascalCase(text), words: text };
  validateFieldName(input, names);
  return names;
}

function inflect(input: string, explicitPlural: string | undefined, asWritten: boolean): EntityNames {
  const singular = wordsOf(input, entityNamePattern, "entity name", 'single spaces, "-" or "_"');
  const last = singular.pop() ?? "";
  const singularLast = asWritten || !pluralize.isPlural(last) ? last : pluralize.singular(last);
  singular.push(singularLast);
  const plural =
    explicitPlural === undefined
      ? [...singular.slice(0, -1), pluralize.plural(singularLast)]
      : wordsOf(explicitPlural, entityNamePattern, "plural", 'single spaces, "-" or "_"');

  const words = singular.join(" ");
  const pluralWords = plural.join(" ");
  return {
    pascal: pascalCase(words),
    camel: camelCase(words),
    kebab: kebabCase(words),
    snake: snakeCase(words),
    pluralPascal: pascalCase(pluralWords),
    pluralCamel: camelCase(pluralWords),
    pluralKebab: kebabCase(pluralWords),
    pluralSnake: snakeCase(pluralWords),
    words,
    pluralWords,
  };
}

// Lower-case words, with a word that starts with a digit joined to the one before it, so that
// `LineItem2`, `line-item-2` and `line item 2` are one name whatever the spelling.
function wordsOf(input: string, pattern: RegExp, what: string, separators: string): string[] {
  if (!pattern.test(input)) {
    throw new GeneratorError(
      `Invalid ${what} "${input}": start with a letter and use only letters, digits and ${separators} between words.`,
    );
  }
  const words: string[] = [];
  for (const word of split(input)) {
    const lower = word.toLowerCase();
    const previous = words.at(-1);
    if (/^[0-9]/.test(lower) && previous !== undefined) words[words.length - 1] = previous + lower;
    else words.push(lower);
  }
  return words;
}
