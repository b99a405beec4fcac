/**
 * The entity's Prisma model and enums, and their insertion into schema.prisma. The text is what
 * `prisma format` would write, so that running it afterwards changes nothing: columns aligned per
 * block of lines, attributes in Prisma's order (@id, @unique, @default, @updatedAt, @relation,
 * native type), a blank line before block attributes and between blocks.
 */
import { GeneratorError } from "../errors.js";
import type { ParsedField } from "./field-types/field-type.js";
import { columnOf, typeOf } from "./field-types/index.js";
import type { EntityNames } from "./naming.js";
import { relationsOf, type EntityRelation } from "./relations.js";

interface FieldLine {
  readonly name: string;
  readonly type: string;
  readonly attributes: readonly string[];
  /** A trailing `// comment`, kept as written. */
  readonly comment?: string | undefined;
}

/** The enum blocks and the model block for a new entity, separated by blank lines, ending in a newline. */
export function renderModel(entity: EntityNames, fields: readonly ParsedField[]): string {
  const enums = enumTypes(entity, fields).map((enumType) => renderEnum(enumType.name, enumType.values));
  const relations = relationsOf(entity, fields);
  const lines: FieldLine[] = [{ name: "id", type: "String", attributes: ["@id", "@default(uuid())", "@db.Uuid"] }];
  for (const field of fields) {
    const relation = relations.find((candidate) => candidate.field === field);
    if (relation !== undefined) lines.push(relationLine(relation));
    lines.push(columnLine(field, entity));
  }
  lines.push(
    { name: "createdAt", type: "DateTime", attributes: ["@default(now())"] },
    { name: "updatedAt", type: "DateTime", attributes: ["@updatedAt"] },
    { name: "version", type: "Int", attributes: ["@default(0)"] },
  );
  for (const relation of relations) {
    if (relation.selfReference) lines.push(backRelationLine(entity, relation));
  }
  const indexes = fields.flatMap((field) => (field.index ? [`  @@index([${columnOf(field)}])`] : []));
  const body = [...alignFieldLines(lines), ...(indexes.length > 0 ? ["", ...indexes] : [])];
  const model = `model ${entity.pascal} {\n${body.join("\n")}\n}`;
  return `${[...enums, model].join("\n\n")}\n`;
}

function enumTypes(entity: EntityNames, fields: readonly ParsedField[]) {
  return fields.flatMap((field) => {
    const enumType = typeOf(field).enumType?.(field, entity);
    return enumType === undefined ? [] : [{ field, ...enumType }];
  });
}

function renderEnum(name: string, values: readonly string[]): string {
  return [`enum ${name} {`, ...values.map((value) => `  ${value}`), "}"].join("\n");
}

/**
 * Appends the entity's enums and model to schema.prisma, and adds the other end of each relation to
 * the model it references, after that model's last field.
 */
export function addEntityToSchema(schemaText: string, entity: EntityNames, fields: readonly ParsedField[]): string {
  if (hasModel(schemaText, entity.pascal)) {
    throw new GeneratorError(`Model ${entity.pascal} already exists in schema.prisma.`);
  }
  const enums = listBlocks(schemaText, "enum");
  if (enums.includes(entity.pascal)) {
    throw new GeneratorError(`Enum ${entity.pascal} already exists in schema.prisma; a model cannot take its name.`);
  }
  for (const { name, field } of enumTypes(entity, fields)) {
    if (enums.includes(name) || hasModel(schemaText, name)) {
      throw new GeneratorError(`Enum ${name} for "${field.source}" already exists in schema.prisma.`);
    }
  }

  let lines: readonly string[] = schemaText.split("\n");
  for (const relation of relationsOf(entity, fields)) {
    if (relation.selfReference) continue;
    lines = insertIntoModel(lines, relation.target.pascal, backRelationLine(entity, relation), relation.field);
  }
  const existing = lines.join("\n").replace(/\s+$/, "");
  return `${existing === "" ? "" : `${existing}\n\n`}${renderModel(entity, fields)}`;
}

/** The names of the models in schema.prisma, in file order. */
export function listModels(schemaText: string): string[] {
  return listBlocks(schemaText, "model");
}

export function hasModel(schemaText: string, name: string): boolean {
  return listModels(schemaText).includes(name);
}

function listBlocks(schemaText: string, keyword: "model" | "enum"): string[] {
  const pattern = new RegExp(`^\\s*${keyword}\\s+([A-Za-z][A-Za-z0-9_]*)\\s*\\{`, "gm");
  return [...schemaText.matchAll(pattern)].map((match) => match[1] ?? "");
}

function relationLine(relation: EntityRelation): FieldLine {
  const name = relation.relationName === undefined ? "" : `"${relation.relationName}", `;
  return {
    name: relation.field.name,
    type: `${relation.target.pascal}${relation.field.optional ? "?" : ""}`,
    attributes: [`@relation(${name}fields: [${relation.foreignKey}], references: [id], onDelete: Restrict)`],
  };
}

function columnLine(field: ParsedField, entity: EntityNames): FieldLine {
  const prisma = typeOf(field).prisma(field, entity);
  const attributes = [
    ...(field.unique ? ["@unique"] : []),
    ...(prisma.default === undefined ? [] : [`@default(${prisma.default})`]),
    ...(prisma.nativeType === undefined ? [] : [prisma.nativeType]),
  ];
  return { name: columnOf(field), type: `${prisma.type}${field.optional ? "?" : ""}`, attributes };
}

function backRelationLine(entity: EntityNames, relation: EntityRelation): FieldLine {
  return {
    name: relation.backRelationField,
    type: relation.backRelationList ? `${entity.pascal}[]` : `${entity.pascal}?`,
    attributes: relation.relationName === undefined ? [] : [`@relation("${relation.relationName}")`],
  };
}

/**
 * `prisma format`'s layout of a block of field lines: the name and type columns as wide as their
 * widest entry, one space between columns, and the type unpadded when nothing but a comment follows.
 */
function alignFieldLines(lines: readonly FieldLine[]): string[] {
  const nameWidth = Math.max(...lines.map((line) => line.name.length));
  const typeWidth = Math.max(...lines.map((line) => line.type.length));
  return lines.map((line) => {
    const type = line.attributes.length > 0 ? line.type.padEnd(typeWidth) : line.type;
    const comment = line.comment === undefined ? [] : [line.comment];
    return `  ${[line.name.padEnd(nameWidth), type, ...line.attributes, ...comment].join(" ")}`;
  });
}

function insertIntoModel(lines: readonly string[], model: string, line: FieldLine, field: ParsedField): string[] {
  const start = lines.findIndex((text) => new RegExp(`^\\s*model\\s+${model}\\s*\\{`).test(text));
  if (start === -1) {
    throw new GeneratorError(`Model ${model} for "${field.source}" is not in schema.prisma.`);
  }
  const end = lines.findIndex((text, index) => index > start && text.trim() === "}");
  if (end === -1) throw new GeneratorError(`Model ${model} in schema.prisma has no closing brace.`);

  const body = lines.slice(start + 1, end);
  if (body.some((text) => parseFieldLine(text)?.name === line.name)) {
    throw new GeneratorError(
      `Field ${model}.${line.name} already exists in schema.prisma; ` +
        `"${field.source}" needs it for the other end of the relation.`,
    );
  }
  // The new line joins the last block of fields, which `prisma format` aligns as a whole; a block
  // runs between blank lines, comment lines included.
  const last = body.findLastIndex((text) => parseFieldLine(text) !== undefined);
  let first = last;
  while (first > 0 && (body[first - 1] ?? "").trim() !== "") first -= 1;
  const block = [...body.slice(first, last + 1).map((text) => parseFieldLine(text) ?? text), line];
  const aligned = alignFieldLines(block.filter((entry) => typeof entry !== "string"));
  const rewritten = block.map((entry) => (typeof entry === "string" ? entry : (aligned.shift() ?? "")));
  return [
    ...lines.slice(0, start + 1),
    ...body.slice(0, first),
    ...rewritten,
    ...body.slice(last + 1),
    ...lines.slice(end),
  ];
}

/** A field line of a model, or undefined for blank lines, comments and block attributes. */
function parseFieldLine(text: string): FieldLine | undefined {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("//") || trimmed.startsWith("@@")) return undefined;
  const tokens = tokenize(trimmed);
  const commentAt = tokens.findIndex((token) => token.startsWith("//"));
  const words = commentAt === -1 ? tokens : tokens.slice(0, commentAt);
  const [name, type, ...attributes] = words;
  if (name === undefined || type === undefined) return undefined;
  return { name, type, attributes, comment: commentAt === -1 ? undefined : tokens.slice(commentAt).join(" ") };
}

// Splits on spaces outside parentheses, brackets and string literals; a `//` comment is one token.
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (!quoted && depth === 0 && current === "" && text.startsWith("//", index)) {
      tokens.push(text.slice(index).trimEnd());
      return tokens;
    }
    if (quoted) {
      if (char === "\\") {
        current += char + text.charAt(index + 1);
        index += 1;
        continue;
      }
      if (char === '"') quoted = false;
    } else if (char === '"') {
      quoted = true;
    } else if (char === "(" || char === "[") {
      depth += 1;
    } else if (char === ")" || char === "]") {
      depth -= 1;
    } else if (/\s/.test(char) && depth === 0) {
      if (current !== "") tokens.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  if (current !== "") tokens.push(current);
  return tokens;
}
