/**
 * schema.prisma after an entity changes or goes: its enums, its model's generated lines, and the
 * other ends of its relations in the models it references. Lines the generator did not write (the
 * user's fields, comments, block attributes, other entities' back-relations) stay where they are, a
 * field whose lines do not change keeps its text as it stands, and every touched model is laid out
 * as `prisma format` would. The generated lines follow the new field list's order, which is the
 * order Prisma reads indexes and foreign keys in, and so the order of the migration's statements.
 */
import { GeneratorError } from "../../errors.js";
import type { ParsedField } from "../field-types/field-type.js";
import { columnOf } from "../field-types/index.js";
import type { EntityNames } from "../naming.js";
import { backRelationLine, enumTypes, fieldLines, indexLine, insertIntoModel, renderEnum } from "../prisma-schema.js";
import { relationsOf, type EntityRelation } from "../relations.js";
import {
  alignFieldLines,
  findBlock,
  listBlocks,
  parseFieldLine,
  realignBody,
  removeBlock,
  type Block,
  type FieldLine,
} from "../schema-text.js";

/** schema.prisma with the entity's model and enums rewritten for `after`, and back-relations on other models added/removed, in prisma-format layout. */
export function changeEntityInSchema(
  schemaText: string,
  entity: EntityNames,
  before: readonly ParsedField[],
  after: readonly ParsedField[],
): string {
  let lines = schemaText.split("\n");
  modelBlock(lines, entity);
  lines = changeEnums(lines, entity, before, after);
  lines = changeModel(lines, entity, before, after);
  lines = changeBackRelations(lines, entity, before, after);
  return finish(lines);
}

/** schema.prisma without the entity's model, its enums and the back-relations it added to other models. */
export function removeEntityFromSchema(schemaText: string, entity: EntityNames, fields: readonly ParsedField[]): string {
  const referencing = referencingModels(schemaText, entity);
  if (referencing.length > 0) throw new GeneratorError(referencedRefusal(entity, referencing));
  let lines = schemaText.split("\n");
  modelBlock(lines, entity);
  for (const relation of relationsOf(entity, fields)) {
    if (!relation.selfReference) lines = replaceFieldLine(lines, relation.target.pascal, relation.backRelationField, undefined);
  }
  lines = removeBlock(lines, modelBlock(lines, entity));
  for (const { name } of enumTypes(entity, fields)) {
    const block = findBlock(lines, "enum", name);
    if (block !== undefined) lines = removeBlock(lines, block);
  }
  return finish(lines);
}

/** Entities (pascal names) whose models reference `entity` (destroy is refused while any does). */
export function referencingModels(schemaText: string, entity: EntityNames): string[] {
  const lines = schemaText.split("\n");
  return listBlocks(schemaText, "model").filter((model) => {
    const block = model === entity.pascal ? undefined : findBlock(lines, "model", model);
    if (block === undefined) return false;
    return lines.slice(block.start + 1, block.end).some((text) => {
      const line = parseFieldLine(text);
      const owning = line?.attributes.some((attribute) => attribute.startsWith("@relation(") && attribute.includes("fields:"));
      return owning === true && line?.type.replace(/[?[\]]/g, "") === entity.pascal;
    });
  });
}

/** The one line that refuses to destroy an entity other models still reference. */
export function referencedRefusal(entity: EntityNames, referencing: readonly string[]): string {
  const list = referencing.join(", ");
  return (
    `Cannot destroy ${entity.pascal}: ${list} ${referencing.length > 1 ? "reference" : "references"} it. ` +
    `Remove the references to ${entity.pascal} from ${list} first.`
  );
}

function modelBlock(lines: readonly string[], entity: EntityNames): Block {
  const block = findBlock(lines, "model", entity.pascal);
  if (block === undefined) throw new GeneratorError(`Model ${entity.pascal} is not in schema.prisma.`);
  return block;
}

function finish(lines: readonly string[]): string {
  return `${lines.join("\n").replace(/\s+$/, "")}\n`;
}

// Removed enums go, changed ones get their new values (in the new order), new ones go before the
// model in field order: Prisma creates enum types in the order the schema declares them.
function changeEnums(
  lines: readonly string[],
  entity: EntityNames,
  before: readonly ParsedField[],
  after: readonly ParsedField[],
): string[] {
  const previous = new Map(enumTypes(entity, before).map((enumType) => [enumType.name, enumType]));
  const next = enumTypes(entity, after);
  let result = [...lines];
  for (const { name } of previous.values()) {
    const block = next.some((enumType) => enumType.name === name) ? undefined : findBlock(result, "enum", name);
    if (block !== undefined) result = removeBlock(result, block);
  }
  for (const { name, values, field } of next) {
    const old = previous.get(name);
    if (old === undefined || old.values.join() === values.join()) continue;
    const block = findBlock(result, "enum", name);
    if (block === undefined) throw new GeneratorError(`Enum ${name} for "${field.source}" is not in schema.prisma.`);
    const body = enumBody(result.slice(block.start + 1, block.end), values);
    result = [...result.slice(0, block.start + 1), ...body, ...result.slice(block.end)];
  }
  const fresh = next.filter((enumType) => !previous.has(enumType.name));
  const text = result.join("\n");
  for (const { name, field } of fresh) {
    if (listBlocks(text, "enum").includes(name) || listBlocks(text, "model").includes(name)) {
      throw new GeneratorError(`Enum ${name} for "${field.source}" already exists in schema.prisma.`);
    }
  }
  if (fresh.length === 0) return result;
  let at = modelBlock(result, entity).start;
  while (at > 0 && (result[at - 1] ?? "").trim().startsWith("///")) at -= 1;
  const blocks = fresh.flatMap((enumType) => [...renderEnum(enumType.name, enumType.values).split("\n"), ""]);
  return [...result.slice(0, at), ...blocks, ...result.slice(at)];
}

// The values in their new order, each keeping its line as written; other lines (comments, block
// attributes) follow.
function enumBody(body: readonly string[], values: readonly string[]): string[] {
  const valueOf = (text: string): string | undefined => {
    const trimmed = text.trim();
    return trimmed.startsWith("//") || trimmed.startsWith("@@") ? undefined : /^[A-Za-z][A-Za-z0-9_]*/.exec(trimmed)?.[0];
  };
  const written = new Map(body.flatMap((text) => (valueOf(text) === undefined ? [] : [[valueOf(text), text] as const])));
  const others = body.filter((text) => valueOf(text) === undefined && text.trim() !== "");
  return [...values.map((value) => written.get(value) ?? `  ${value}`), ...others];
}

// The field lines the old list generated make way for the new list's, at the place of the first
// of them; its `@@index` lines likewise.
function changeModel(
  lines: readonly string[],
  entity: EntityNames,
  before: readonly ParsedField[],
  after: readonly ParsedField[],
): string[] {
  const block = modelBlock(lines, entity);
  const body = lines.slice(block.start + 1, block.end);
  const beforeRelations = relationsOf(entity, before);
  const afterRelations = relationsOf(entity, after);
  const generated = new Map(before.map((field) => [field.name, fieldLines(entity, field, beforeRelations)]));
  const owned = new Set([...generated.values()].flat().map((line) => line.name));
  const written = new Map(
    body.flatMap((text) => {
      const name = parseFieldLine(text)?.name;
      return name !== undefined && owned.has(name) ? [[name, text] as const] : [];
    }),
  );
  const indexed = new Set(before.flatMap((field) => (field.index ? [columnOf(field)] : [])));
  const isOwnedIndex = (text: string): boolean => [...indexed].some((column) => new RegExp(`^\\s*@@index\\(\\[${column}\\][,)]`).test(text));

  const fieldTexts = after.flatMap((field) =>
    fieldLines(entity, field, afterRelations).map((line) => {
      const text = written.get(line.name);
      const old = generated.get(field.name)?.find((candidate) => candidate.name === line.name);
      if (text !== undefined && old !== undefined && sameLine(old, line)) return text;
      return alignFieldLines([keepHandEdits(line, text === undefined ? undefined : parseFieldLine(text))])[0] ?? "";
    }),
  );
  refuseTakenNames(entity, body, owned, after, afterRelations);
  const indexTexts = after.flatMap((field) => {
    const existing = field.index ? body.find((text) => isOwnedIndex(text) && text.includes(`[${columnOf(field)}]`)) : undefined;
    return existing ?? indexLine(field) ?? [];
  });

  const result: string[] = [];
  let fieldsPlaced = false;
  let indexesPlaced = false;
  for (const text of body) {
    const name = parseFieldLine(text)?.name;
    if (name !== undefined && owned.has(name)) {
      if (!fieldsPlaced) result.push(...fieldTexts);
      fieldsPlaced = true;
    } else if (isOwnedIndex(text)) {
      if (!indexesPlaced) result.push(...indexTexts);
      indexesPlaced = true;
    } else {
      result.push(text);
    }
  }
  if (!fieldsPlaced) result.splice(fieldAnchor(result), 0, ...fieldTexts);
  if (!indexesPlaced && indexTexts.length > 0) result.splice(...indexAnchor(result), ...indexTexts);
  return [...lines.slice(0, block.start + 1), ...realignBody(tidyBlankLines(result)), ...lines.slice(block.end)];
}

// A regenerated line keeps the attributes the generator never writes (`@map`, `@ignore`...), where
// `prisma format` puts them: before the native type; and its trailing comment.
const generatedAttributes = /^@(id|unique|default|updatedAt|relation|db\.)/;

function keepHandEdits(line: FieldLine, written: FieldLine | undefined): FieldLine {
  if (written === undefined) return line;
  const kept = written.attributes.filter((attribute) => !generatedAttributes.test(attribute));
  const nativeAt = line.attributes.findIndex((attribute) => attribute.startsWith("@db."));
  const at = nativeAt === -1 ? line.attributes.length : nativeAt;
  const attributes = [...line.attributes.slice(0, at), ...kept, ...line.attributes.slice(at)];
  return { ...line, attributes, comment: written.comment };
}

// New fields go where renderModel puts them: after `id`, before the automatic fields.
function fieldAnchor(body: readonly string[]): number {
  const id = body.findIndex((text) => parseFieldLine(text)?.name === "id");
  if (id !== -1) return id + 1;
  const createdAt = body.findIndex((text) => parseFieldLine(text)?.name === "createdAt");
  return createdAt === -1 ? 0 : createdAt;
}

// `prisma format` sorts block attributes by kind (@@id, @@unique, @@index, then the rest, such as
// @@map): new indexes go after the last of the first three, or before the rest, or, when the model
// has none, after a blank line at the end.
function indexAnchor(body: readonly string[]): [number, number, ...string[]] {
  const last = body.findLastIndex((text) => /^\s*@@(id|unique|index)\(/.test(text));
  if (last !== -1) return [last + 1, 0];
  const first = body.findIndex((text) => text.trim().startsWith("@@"));
  return first === -1 ? [body.length, 0, ""] : [first, 0];
}

function refuseTakenNames(
  entity: EntityNames,
  body: readonly string[],
  owned: ReadonlySet<string>,
  after: readonly ParsedField[],
  relations: readonly EntityRelation[],
): void {
  const taken = new Set(body.flatMap((text) => parseFieldLine(text)?.name ?? []).filter((name) => !owned.has(name)));
  for (const field of after) {
    const clash = fieldLines(entity, field, relations).find((line) => taken.has(line.name));
    if (clash !== undefined) {
      throw new GeneratorError(`Field ${entity.pascal}.${clash.name} already exists in schema.prisma; "${field.source}" needs the name.`);
    }
  }
}

function tidyBlankLines(body: readonly string[]): string[] {
  const result = body.filter((text, index) => text.trim() !== "" || (body[index - 1] ?? "").trim() !== "");
  while ((result[0] ?? "x").trim() === "") result.shift();
  while ((result.at(-1) ?? "x").trim() === "") result.pop();
  return result;
}

// The other end of each relation: removed with its reference, rewritten in place when its name or
// type changes (a second reference to the same model names both relations; a unique reference
// holds one row), added after the target's last field for a new reference.
function changeBackRelations(
  lines: readonly string[],
  entity: EntityNames,
  before: readonly ParsedField[],
  after: readonly ParsedField[],
): string[] {
  const previous = relationsOf(entity, before);
  const next = relationsOf(entity, after);
  const counterpart = (relation: EntityRelation, among: readonly EntityRelation[]): EntityRelation | undefined =>
    among.find((candidate) => candidate.field.name === relation.field.name && candidate.target.pascal === relation.target.pascal);
  let result = [...lines];
  // Placeholders first, so that two relations may swap names.
  const rewritten: { model: string; placeholder: string; line: FieldLine; field: ParsedField }[] = [];
  for (const relation of previous) {
    const old = backRelationLine(entity, relation);
    const successor = counterpart(relation, next);
    const line = successor === undefined ? undefined : backRelationLine(entity, successor);
    if (line !== undefined && sameLine(old, line)) continue;
    const placeholder = line === undefined ? undefined : `\u0000${String(rewritten.length)}`;
    result = replaceFieldLine(result, relation.target.pascal, old.name, placeholder);
    if (placeholder !== undefined && line !== undefined) {
      rewritten.push({ model: relation.target.pascal, placeholder, line, field: relation.field });
    }
  }
  for (const { model, placeholder, line, field } of rewritten) {
    const block = findBlock(result, "model", model);
    if (block === undefined) continue;
    if (result.slice(block.start + 1, block.end).some((text) => parseFieldLine(text)?.name === line.name)) {
      throw new GeneratorError(
        `Field ${model}.${line.name} already exists in schema.prisma; "${field.source}" needs it for the other end of the relation.`,
      );
    }
    result = replaceFieldLine(result, model, placeholder, line);
  }
  for (const relation of next) {
    if (counterpart(relation, previous) === undefined) {
      result = insertIntoModel(result, relation.target.pascal, backRelationLine(entity, relation), relation.field);
    }
  }
  return result;
}

/**
 * The model with the line of that name (or that placeholder) replaced by a new line, a placeholder,
 * or nothing, and laid out again. A line already gone by hand is left gone.
 */
function replaceFieldLine(lines: readonly string[], model: string, name: string, replacement: FieldLine | string | undefined): string[] {
  const block = findBlock(lines, "model", model);
  if (block === undefined) return [...lines];
  const body = lines.slice(block.start + 1, block.end);
  // A placeholder line is the placeholder, then the replaced line's comment if it had one.
  const placeholderComment = (text: string): string | undefined =>
    text.startsWith("\u0000") && text.includes(" ") ? text.slice(text.indexOf(" ") + 1) : undefined;
  const at = body.findIndex((text) => text.split(" ")[0] === name || parseFieldLine(text)?.name === name);
  if (at === -1) return [...lines];
  const found = body[at] ?? "";
  const comment = placeholderComment(found) ?? parseFieldLine(found)?.comment;
  const texts =
    replacement === undefined
      ? []
      : typeof replacement === "string"
        ? [comment === undefined ? replacement : `${replacement} ${comment}`]
        : alignFieldLines([{ ...replacement, comment }]);
  const edited = [...body.slice(0, at), ...texts, ...body.slice(at + 1)];
  return [...lines.slice(0, block.start + 1), ...realignBody(tidyBlankLines(edited)), ...lines.slice(block.end)];
}

function sameLine(a: FieldLine, b: FieldLine): boolean {
  return a.name === b.name && a.type === b.type && a.attributes.join(" ") === b.attributes.join(" ");
}
