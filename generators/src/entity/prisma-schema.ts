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
import { alignFieldLines, findBlock, listBlocks, parseFieldLine, type FieldLine } from "./schema-text.js";

/** The enum blocks and the model block for a new entity, separated by blank lines, ending in a newline. */
export function renderModel(entity: EntityNames, fields: readonly ParsedField[]): string {
  const enums = enumTypes(entity, fields).map((enumType) => renderEnum(enumType.name, enumType.values));
  const relations = relationsOf(entity, fields);
  const lines: FieldLine[] = [
    { name: "id", type: "String", attributes: ["@id", "@default(uuid())", "@db.Uuid"] },
    ...fields.flatMap((field) => fieldLines(entity, field, relations)),
  ];
  lines.push(
    { name: "createdAt", type: "DateTime", attributes: ["@default(now())"] },
    { name: "updatedAt", type: "DateTime", attributes: ["@updatedAt"] },
    { name: "version", type: "Int", attributes: ["@default(0)"] },
  );
  for (const relation of relations) {
    if (relation.selfReference) lines.push(backRelationLine(entity, relation));
  }
  const indexes = fields.flatMap((field) => indexLine(field) ?? []);
  const body = [...alignFieldLines(lines), ...(indexes.length > 0 ? ["", ...indexes] : [])];
  const model = `model ${entity.pascal} {\n${body.join("\n")}\n}`;
  return `${[...enums, model].join("\n\n")}\n`;
}

/** The lines a field puts in its model: the relation field first for a reference, then the column. */
export function fieldLines(entity: EntityNames, field: ParsedField, relations: readonly EntityRelation[]): FieldLine[] {
  const relation = relations.find((candidate) => candidate.field === field);
  return [...(relation === undefined ? [] : [relationLine(relation)]), columnLine(field, entity)];
}

/** The block attribute that indexes the field's column, when it has a plain index. */
export function indexLine(field: ParsedField): string | undefined {
  return field.index ? `  @@index([${columnOf(field)}])` : undefined;
}

/** The enum types the fields declare, with the field that declares each. */
export function enumTypes(entity: EntityNames, fields: readonly ParsedField[]) {
  return fields.flatMap((field) => {
    const enumType = typeOf(field).enumType?.(field, entity);
    return enumType === undefined ? [] : [{ field, ...enumType }];
  });
}

export function renderEnum(name: string, values: readonly string[]): string {
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

export function relationLine(relation: EntityRelation): FieldLine {
  const name = relation.relationName === undefined ? "" : `"${relation.relationName}", `;
  return {
    name: relation.field.name,
    type: `${relation.target.pascal}${relation.field.optional ? "?" : ""}`,
    attributes: [`@relation(${name}fields: [${relation.foreignKey}], references: [id], onDelete: Restrict)`],
  };
}

export function columnLine(field: ParsedField, entity: EntityNames): FieldLine {
  const prisma = typeOf(field).prisma(field, entity);
  const attributes = [
    ...(field.unique ? ["@unique"] : []),
    ...(prisma.default === undefined ? [] : [`@default(${prisma.default})`]),
    ...(prisma.nativeType === undefined ? [] : [prisma.nativeType]),
  ];
  return { name: columnOf(field), type: `${prisma.type}${field.optional ? "?" : ""}`, attributes };
}

/** The other end of a relation, in the model it references. */
export function backRelationLine(entity: EntityNames, relation: EntityRelation): FieldLine {
  return {
    name: relation.backRelationField,
    type: relation.backRelationList ? `${entity.pascal}[]` : `${entity.pascal}?`,
    attributes: relation.relationName === undefined ? [] : [`@relation("${relation.relationName}")`],
  };
}

/**
 * Adds a field line to a model, after its last field (the end of the last block of fields, which
 * `prisma format` aligns as a whole), refusing a name the model already has.
 */
export function insertIntoModel(lines: readonly string[], model: string, line: FieldLine, field: ParsedField): string[] {
  if (!lines.some((text) => new RegExp(`^\\s*model\\s+${model}\\s*\\{`).test(text))) {
    throw new GeneratorError(`Model ${model} for "${field.source}" is not in schema.prisma.`);
  }
  const block = findBlock(lines, "model", model);
  if (block === undefined) throw new GeneratorError(`Model ${model} in schema.prisma has no closing brace.`);
  const { start, end } = block;

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
  const run = [...body.slice(first, last + 1).map((text) => parseFieldLine(text) ?? text), line];
  const aligned = alignFieldLines(run.filter((entry) => typeof entry !== "string"));
  const rewritten = run.map((entry) => (typeof entry === "string" ? entry : (aligned.shift() ?? "")));
  return [
    ...lines.slice(0, start + 1),
    ...body.slice(0, first),
    ...rewritten,
    ...body.slice(last + 1),
    ...lines.slice(end),
  ];
}
