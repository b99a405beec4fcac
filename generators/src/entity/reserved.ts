/**
 * Names that an entity or a field may not take, and why. Each list says where the name would break:
 * in the generated TypeScript, in the Prisma schema or client, in the tRPC router, or in the
 * generated platform. SQL keywords (order, user, group, select, table) are absent on purpose:
 * Prisma quotes every identifier.
 */
import { GeneratorError } from "../errors.js";
import { maxIdentifierLength } from "./constraint-names.js";
import type { EntityNames, FieldNames } from "./naming.js";

/** Reserved words of JavaScript in strict mode (ES modules), and bindings that cannot be redefined. */
export const javascriptReservedWords: ReadonlySet<string> = new Set([
  "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger",
  "default", "delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for",
  "function", "if", "implements", "import", "in", "Infinity", "instanceof", "interface", "let",
  "NaN", "new", "null", "package", "private", "protected", "public", "return", "static", "super",
  "switch", "this", "throw", "true", "try", "typeof", "undefined", "using", "var", "void", "while",
  "with", "yield",
]);

/** Keywords of TypeScript's type language, refused for entities whose camelCase name would be one. */
export const typescriptReservedWords: ReadonlySet<string> = new Set([
  "abstract", "accessor", "any", "as", "asserts", "async", "bigint", "boolean", "declare", "infer",
  "is", "keyof", "namespace", "never", "number", "object", "override", "readonly", "satisfies",
  "string", "symbol", "type", "unique", "unknown",
]);

/** Global types and values that a generated `type <Entity>` or `<Entity>Schema` would shadow. */
export const globalTypeNames: ReadonlySet<string> = new Set([
  "Array", "ArrayBuffer", "Awaited", "BigInt", "Boolean", "Buffer", "Date", "Error", "Exclude",
  "Extract", "Function", "Intl", "Iterable", "Map", "Math", "NonNullable", "Number", "Object",
  "Omit", "Parameters", "Partial", "Pick", "Promise", "Proxy", "Readonly", "Record", "Reflect",
  "RegExp", "Required", "ReturnType", "Set", "String", "Symbol", "WeakMap", "WeakSet",
]);

/**
 * Model names that Prisma refuses ("is a reserved scalar type name", and its own reserved list:
 * PrismaClient and the JavaScript keywords above), and `Prisma`, the namespace that the generated
 * client exports beside the model types.
 */
export const prismaReservedModelNames: ReadonlySet<string> = new Set([
  "BigInt", "Boolean", "Bytes", "DateTime", "Decimal", "Float", "Int", "Json", "Prisma", "PrismaClient", "String",
]);

/**
 * Keys that tRPC 11 refuses in `router({})` ("Reserved words used in `router({})` call"), and the
 * properties it adds to every router, which a key of the same name would overwrite.
 */
export const trpcReservedRouterKeys: ReadonlySet<string> = new Set(["apply", "call", "createCaller", "then", "_def"]);

/** Names the generated project already uses for its own modules, routes and folders. */
export const platformModuleNames: ReadonlySet<string> = new Set([
  "app", "appRouter", "generated", "health", "metrics", "platform", "ready", "system",
]);

/** Keys that every plain object inherits; a field or router with such a key misbehaves. */
export const objectPrototypeKeys: ReadonlySet<string> = new Set([
  "__proto__", "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
  "prototype", "toLocaleString", "toString", "valueOf",
]);

/** Fields that every entity gets without asking. */
export const automaticFieldNames: readonly string[] = ["id", "createdAt", "updatedAt", "version"];

// PostgreSQL cuts longer identifiers silently, and Prisma would then see drift forever. An entity
// name leaves room for "_pkey", so that primary keys and the cut names of indexes stay distinct
// from one table to another.
const maxEntityNameLength = maxIdentifierLength - "_pkey".length;

/** Refuses an entity whose spellings would break the generated code, schema, router or platform. */
export function validateEntityName(input: string, names: EntityNames): void {
  const refuse = (reason: string): never => {
    throw new GeneratorError(`Entity name "${input}" ${reason}; choose another name.`);
  };
  const camelForms = [names.camel, names.pluralCamel];
  const clash = (list: ReadonlySet<string>): string | undefined => camelForms.find((form) => list.has(form));

  const javascript = clash(javascriptReservedWords);
  if (javascript !== undefined) refuse(`is the reserved word "${javascript}" in JavaScript`);
  const typescript = clash(typescriptReservedWords);
  if (typescript !== undefined) refuse(`is the keyword "${typescript}" in TypeScript`);
  if (globalTypeNames.has(names.pascal)) refuse(`would shadow the global "${names.pascal}" in TypeScript`);
  if (prismaReservedModelNames.has(names.pascal)) refuse(`is reserved by Prisma as a model name ("${names.pascal}")`);
  const trpc = clash(trpcReservedRouterKeys);
  if (trpc !== undefined) refuse(`is reserved by tRPC as a router key ("${trpc}")`);
  const platform = clash(platformModuleNames);
  if (platform !== undefined) refuse(`is taken by the generated platform ("${platform}")`);
  const inherited = clash(objectPrototypeKeys);
  if (inherited !== undefined) refuse(`is a key that every JavaScript object inherits ("${inherited}")`);
  if (names.pascal.length > maxEntityNameLength) {
    refuse(
      `is longer than ${maxEntityNameLength} characters (PostgreSQL keeps ${maxIdentifierLength}, ` +
        `and the primary key adds "_pkey")`,
    );
  }
}

/**
 * Refuses a field name that would break the generated code or clash with the automatic fields.
 * TypeScript's keywords (type, string, number...) stay allowed: a field is a property, never a type,
 * and `type` or `date` are among the most common field names.
 */
export function validateFieldName(input: string, names: FieldNames): void {
  const refuse = (reason: string): never => {
    throw new GeneratorError(`Field name "${input}" ${reason}; choose another name.`);
  };
  if (automaticFieldNames.includes(names.camel)) {
    refuse(`is automatic: every entity has ${automaticFieldNames.join(", ")}`);
  }
  if (javascriptReservedWords.has(names.camel)) refuse(`is the reserved word "${names.camel}" in JavaScript`);
  if (objectPrototypeKeys.has(names.camel)) refuse(`is a key that every JavaScript object inherits ("${names.camel}")`);
  if (names.camel.length > maxIdentifierLength) {
    refuse(`is longer than PostgreSQL's limit of ${maxIdentifierLength} characters`);
  }
}
