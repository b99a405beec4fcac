import { describe, expect, it } from "vitest";
import type { DomainDefault, Literal, ParsedField, SampleShape, SchemaShape } from "../../../generators/src/entity/field-types/field-type.js";
import { columnOf, fieldTypeKeys, fieldTypes, type FieldTypeKey } from "../../../generators/src/entity/field-types/index.js";
import { parseFields } from "../../../generators/src/entity/fields.js";
import { entityNames } from "../../../generators/src/entity/naming.js";

const product = entityNames("Product");

function only(spec: string): ParsedField {
  const [field] = parseFields(spec, { entity: product, existingModels: ["Category"] });
  if (field === undefined) throw new Error(`no field in ${spec}`);
  return field;
}

interface Row {
  /** A field of the type, with a default where the type takes one. */
  readonly spec: string;
  /** The column in schema.prisma after the name: type, native type, default. */
  readonly prisma: string;
  /** The column in the migration after the name. */
  readonly sql: string;
  /** The zod schema's shape: a kind the domain template writes, or a call of a platform schema. */
  readonly schema: SchemaShape;
  /** What the schema for creating fills in. */
  readonly domainDefault: DomainDefault | undefined;
  readonly sample: SampleShape;
  readonly invalid: Literal;
}

// One row per type; the Record makes a new type's row part of adding it.
const rows: Record<FieldTypeKey, Row> = {
  string: {
    spec: "title:string:default(hi)",
    prisma: 'String @db.VarChar(255) @default("hi")',
    sql: "VARCHAR(255) NOT NULL DEFAULT 'hi'",
    schema: { kind: "text", maxLength: 255 },
    domainDefault: { kind: "value", value: "hi" },
    sample: { kind: "words", words: "title" },
    invalid: "",
  },
  text: {
    spec: "note:text?:default(it's)",
    prisma: `String? @default("it's")`,
    sql: "TEXT DEFAULT 'it''s'",
    schema: { kind: "text" },
    domainDefault: { kind: "value", value: "it's" },
    sample: { kind: "words", words: "note" },
    invalid: "",
  },
  int: {
    spec: "stock:int:default(007)",
    prisma: "Int @default(7)",
    sql: "INTEGER NOT NULL DEFAULT 7",
    schema: { kind: "int32" },
    domainDefault: { kind: "value", value: 7 },
    sample: { kind: "sequence" },
    invalid: 1.5,
  },
  bigint: {
    spec: "big:bigint?:default(-0012)",
    prisma: "BigInt? @default(-12)",
    sql: "BIGINT DEFAULT -12",
    schema: { kind: "call", function: "bigintSchema", args: [] },
    domainDefault: { kind: "value", value: "-12" },
    sample: { kind: "bigint" },
    invalid: "1.5",
  },
  float: {
    spec: "ratio:float:default(1.50)",
    prisma: "Float @default(1.50)",
    sql: "DOUBLE PRECISION NOT NULL DEFAULT 1.50",
    schema: { kind: "number" },
    domainDefault: { kind: "value", value: 1.5 },
    sample: { kind: "float" },
    invalid: "1.5",
  },
  decimal: {
    spec: "price:decimal(5,2):default(7.1)",
    prisma: "Decimal @db.Decimal(5, 2) @default(7.1)",
    sql: "DECIMAL(5,2) NOT NULL DEFAULT 7.1",
    schema: { kind: "call", function: "decimalSchema", args: [{ precision: 5, scale: 2 }] },
    domainDefault: { kind: "value", value: "7.10" },
    sample: { kind: "decimal", modulus: 1000, fraction: ".25" },
    invalid: "not a number",
  },
  boolean: {
    spec: "active:boolean:default(true)",
    prisma: "Boolean @default(true)",
    sql: "BOOLEAN NOT NULL DEFAULT true",
    schema: { kind: "boolean" },
    domainDefault: { kind: "value", value: true },
    sample: { kind: "boolean" },
    invalid: "yes",
  },
  datetime: {
    spec: "seen:datetime?:default(now)",
    prisma: "DateTime? @default(now())",
    sql: "TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP",
    schema: { kind: "call", function: "dateTimeSchema", args: [] },
    domainDefault: { kind: "now" },
    sample: { kind: "datetime" },
    invalid: "yesterday",
  },
  date: {
    spec: "born:date:default(now)",
    prisma: "DateTime @db.Date @default(now())",
    sql: "DATE NOT NULL DEFAULT CURRENT_TIMESTAMP",
    schema: { kind: "call", function: "dateSchema", args: [] },
    domainDefault: { kind: "now" },
    sample: { kind: "date" },
    invalid: "yesterday",
  },
  json: {
    spec: "meta:json?",
    prisma: "Json?",
    sql: "JSONB",
    schema: { kind: "jsonObject" },
    domainDefault: undefined,
    sample: { kind: "json" },
    invalid: "text",
  },
  uuid: {
    spec: "key:uuid:default(uuid)",
    prisma: "String @db.Uuid @default(uuid())",
    sql: "UUID NOT NULL",
    schema: { kind: "uuid" },
    domainDefault: { kind: "randomUuid" },
    sample: { kind: "randomUuid" },
    invalid: "not-a-uuid",
  },
  enum: {
    spec: "status:enum(DRAFT,LIVE):default(LIVE)",
    prisma: "ProductStatus @default(LIVE)",
    sql: `"ProductStatus" NOT NULL DEFAULT 'LIVE'`,
    schema: { kind: "enum", values: ["DRAFT", "LIVE"] },
    domainDefault: { kind: "value", value: "LIVE" },
    sample: { kind: "value", value: "DRAFT" },
    invalid: "_NOT_A_VALUE",
  },
  references: {
    spec: "category:references",
    prisma: "String @db.Uuid",
    sql: "UUID NOT NULL",
    schema: { kind: "uuid" },
    domainDefault: undefined,
    sample: { kind: "randomUuid" },
    invalid: "not-a-uuid",
  },
};

function prismaColumn(field: ParsedField): string {
  const prisma = fieldTypes[field.type].prisma(field, product);
  const defaultAttribute = prisma.default === undefined ? undefined : `@default(${prisma.default})`;
  return [`${prisma.type}${field.optional ? "?" : ""}`, prisma.nativeType, defaultAttribute].filter((part) => part !== undefined).join(" ");
}

function sqlColumn(field: ParsedField): string {
  const sql = fieldTypes[field.type].sql(field, product);
  return [sql.type, field.optional ? undefined : "NOT NULL", sql.default === undefined ? undefined : `DEFAULT ${sql.default}`]
    .filter((part) => part !== undefined)
    .join(" ");
}

describe("the field types", () => {
  it("are the types of the DSL, in the order messages list them", () => {
    expect(fieldTypeKeys).toEqual(["string", "text", "int", "bigint", "float", "decimal", "boolean", "datetime", "date", "json", "uuid", "enum", "references"]);
  });

  describe.each(fieldTypeKeys.map((key) => [key, rows[key]] as const))("%s", (key, row) => {
    const field = only(row.spec);
    const type = fieldTypes[key];

    it("is what the spec parses to", () => {
      expect(field.type).toBe(key);
    });

    it("gives its column in schema.prisma", () => {
      expect(prismaColumn(field)).toBe(row.prisma);
    });

    it("gives its column in the migration", () => {
      expect(sqlColumn(field)).toBe(row.sql);
    });

    it("gives the shape of its zod schema and its default", () => {
      expect([type.schema(field), type.domainDefault(field)]).toEqual([row.schema, row.domainDefault]);
    });

    it("gives a sample for builders and a value the schema refuses", () => {
      expect([type.sample(field), type.invalid]).toEqual([row.sample, row.invalid]);
    });
  });
});

describe("what only some types say", () => {
  it("maps big integers, decimals and json between Prisma and the domain with the platform's functions", () => {
    const convert = (spec: string) => {
      const field = only(spec);
      return fieldTypes[field.type].prismaConversion?.(field);
    };
    expect(convert("big:bigint?")).toEqual({
      toPrisma: { function: "toBigInt", args: [] },
      fromPrisma: { function: "bigintText", args: [] },
    });
    expect(convert("price:decimal(5,2)?")).toEqual({ fromPrisma: { function: "decimalText", args: [2] } });
    expect(convert("price:decimal")).toEqual({ fromPrisma: { function: "decimalText", args: [] } });
    expect(convert("meta:json")).toEqual({ fromPrisma: { function: "jsonObject", args: [] } });
    expect(convert("meta:json?")).toEqual({
      toPrisma: { function: "jsonInput", args: [] },
      fromPrisma: { function: "jsonObjectOrNull", args: [] },
    });
    expect(convert("name:string")).toBeUndefined();
  });

  it("says which samples repeat, so that no unique test copies one", () => {
    const repeat = (spec: string) => {
      const field = only(spec);
      return fieldTypes[field.type].samplesRepeat(field);
    };
    expect(["ok:boolean", "s:enum(A,B)", "category:references?", "category:references", "n:string"].map(repeat)).toEqual([true, true, true, false, false]);
  });

  it("declares the enum type of an enum and the relation of a reference", () => {
    const status = only("status:enum(DRAFT,LIVE)");
    expect(fieldTypes.enum.enumType?.(status, product)).toEqual({ name: "ProductStatus", values: ["DRAFT", "LIVE"] });
    const category = only("category:references(categories)");
    expect(fieldTypes.references.relation?.(category)).toEqual({ target: "Category", foreignKey: "categoryId" });
    expect([columnOf(category), columnOf(status)]).toEqual(["categoryId", "status"]);
  });

  it("gives decimals a sample that fits their digits, the same in every row when no digit fits before the point", () => {
    const sample = (spec: string) => {
      const field = only(spec);
      return fieldTypes[field.type].sample(field);
    };
    expect(["a:decimal", "a:decimal(12,2)", "a:decimal(5,0)", "a:decimal(3,3)"].map(sample)).toEqual([
      { kind: "decimal", modulus: 1_000_000, fraction: ".25" },
      { kind: "decimal", modulus: 1_000_000, fraction: ".25" },
      { kind: "decimal", modulus: 100_000, fraction: "" },
      { kind: "value", value: "0.250" },
    ]);
  });

  it("gives an optional reference no sample: null in every row", () => {
    expect(fieldTypes.references.sample(only("category:references?"))).toEqual({ kind: "value", value: null });
  });

  it("gives the dates an ISO text that their schema reads", () => {
    expect(fieldTypes.date.isoText).toEqual({ text: "2024-01-02", instant: "2024-01-02T00:00:00.000Z" });
    expect(fieldTypes.datetime.isoText).toEqual({ text: "2024-01-02T03:04:05.000Z", instant: "2024-01-02T03:04:05.000Z" });
    expect(fieldTypes.int.isoText).toBeUndefined();
  });
});
