/**
 * The field DSL: space-separated tokens `name:type[?][:modifier]...`, for example
 * `price:decimal(12,2) status:enum(DRAFT,ACTIVE):default(DRAFT) category:references?`.
 * `parseFields` checks each token and turns it into a `ParsedField`; what a type means for the
 * schema, the migration and the code is for its object in field-types/ to say.
 */
import { GeneratorError } from "../errors.js";
import { refuseCollidingIndexNames, refuseDuplicates } from "./field-checks.js";
import type { Fail, ParsedField } from "./field-types/field-type.js";
import { fieldTypeKeys, fieldTypes, isFieldTypeKey } from "./field-types/index.js";
import { fieldNames, type EntityNames } from "./naming.js";

export type { ParsedField } from "./field-types/field-type.js";

export interface FieldContext {
  readonly entity: EntityNames;
  /** Pascal names of the models already in schema.prisma. */
  readonly existingModels: readonly string[];
}

export function parseFields(spec: string, context: FieldContext): ParsedField[] {
  const tokens = spec.split(/\s+/).filter((token) => token !== "");
  const fields = tokens.map((token) => parseField(token, context));
  refuseDuplicates(fields, context.entity);
  refuseCollidingIndexNames(fields, context.entity);
  return fields;
}

const modifierHint = "Modifiers are unique, index and default(<value>).";

interface Modifiers {
  readonly unique: boolean;
  readonly index: boolean;
  readonly defaultText: string | undefined;
}

function parseField(source: string, context: FieldContext): ParsedField {
  const fail: Fail = (problem, hint) => {
    throw new GeneratorError(`${problem} in "${source}".${hint === undefined ? "" : ` ${hint}`}`);
  };
  const [namePart = "", typePart = "", ...modifierParts] = splitTopLevel(source, ":");
  if (namePart === "") fail("Missing field name", "Write name:type, e.g. title:string.");
  if (typePart === "") fail("Missing type", `Write ${namePart}:<type>, e.g. ${namePart}:string.`);
  const names = fieldNames(namePart);

  const match =
    /^([A-Za-z]+)(?:\((.*)\))?(\?)?$/.exec(typePart) ??
    fail(`Malformed type "${typePart}"`, "Write type[?], e.g. string, decimal(12,2) or enum(A,B)?.");
  const [, typeWord = "", argumentText, question] = match;
  const key = typeWord.toLowerCase();
  if (!isFieldTypeKey(key)) fail(`Unknown field type "${typeWord}"`, `Known types: ${fieldTypeKeys.join(", ")}.`);
  const type = fieldTypes[key];
  if (argumentText !== undefined && type.parseArguments === undefined) fail(`Type "${key}" takes no arguments`);

  const modifiers = parseModifiers(modifierParts, fail);
  const args = type.parseArguments?.(argumentText, { field: names, ...context, fail }) ?? [];
  return {
    name: names.camel,
    pascal: names.pascal,
    words: names.words,
    source,
    type: key,
    args,
    optional: question === "?",
    unique: modifiers.unique,
    index: modifiers.index || (type.indexed === true && !modifiers.unique),
    default: modifiers.defaultText === undefined ? undefined : type.parseDefault(modifiers.defaultText, args, fail),
  };
}

function parseModifiers(parts: readonly string[], fail: Fail): Modifiers {
  const seen = new Set<string>();
  let defaultText: string | undefined;
  for (const part of parts) {
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
  return { unique: seen.has("unique"), index: seen.has("index"), defaultText };
}

/** Splits on `separator` outside parentheses, so `enum(A,B):default(A)` keeps its arguments whole. */
export function splitTopLevel(text: string, separator: string): string[] {
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
