import { describe, expect, it } from "vitest";
import type { ParsedField } from "../../../generators/src/entity/field-types/field-type.js";
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
  readonly zod: string;
  /** The default in TypeScript, as the schema for creating fills it in. */
  readonly defaultValue: string | undefined;
  readonly sample: string;
  readonly invalid: string;
}

// One row per type; the Record makes a new type's row part of adding it.
const rows: Record<FieldTypeKey, Row> = {
  string: {
    spec: "title:string:default(hi)",
    prisma: 'String @db.VarChar(255) @default("hi")',
    sql: "VARCHAR(255) NOT NULL DEFAULT 'hi'",
    zod: "z.string().min(1).max(255)",
    defaultValue: '"hi"',
    sample: "`title ${String(n)}`",
    invalid: '""',
  },
  text: {
    spec: "note:text?:default(it's)",
    prisma: `String? @default("it's")`,
    sql: "TEXT DEFAULT 'it''s'",
    zod: "z.string().min(1)",
    defaultValue: `"it's"`,
    sample: "`note ${String(n)}`",
    invalid: '""',
  },
  int: {
    spec: "stock:int:default(007)",
    prisma: "Int @default(7)",
    sql: "INTEGER NOT NULL DEFAULT 7",
    zod: "z.int32()",
    defaultValue: "7",
    sample: "n",
    invalid: "1.5",
  },
  bigint: {
    spec: "big:bigint?:default(-0012)",
    prisma: "BigInt? @default(-12)",
    sql: "BIGINT DEFAULT -12",
    zod:
      'z.string().regex(/^-?\\d{1,19}$/, "an integer").refine((value) => !/^-?\\d+$/.test(value) || ' +
      '(BigInt(value) >= -(2n ** 63n) && BigInt(value) < 2n ** 63n), "out of range for a 64-bit integer")',
    defaultValue: '"-12"',
    sample: "String(9_007_199_254_740_993n + BigInt(n))",
    invalid: '"1.5"',
  },
  float: {
    spec: "ratio:float:default(1.50)",
    prisma: "Float @default(1.50)",
    sql: "DOUBLE PRECISION NOT NULL DEFAULT 1.50",
    zod: "z.number()",
    defaultValue: "1.5",
    sample: "n + 0.5",
    invalid: '"1.5"',
  },
  decimal: {
    spec: "price:decimal(5,2):default(7.1)",
    prisma: "Decimal @db.Decimal(5, 2) @default(7.1)",
    sql: "DECIMAL(5,2) NOT NULL DEFAULT 7.1",
    zod: 'z.string().regex(/^-?\\d{1,3}(\\.\\d{1,2})?$/, "a decimal number that fits decimal(5,2)")',
    defaultValue: '"7.10"',
    sample: "`${String(n % 1000)}.25`",
    invalid: '"not a number"',
  },
  boolean: {
    spec: "active:boolean:default(true)",
    prisma: "Boolean @default(true)",
    sql: "BOOLEAN NOT NULL DEFAULT true",
    zod: "z.boolean()",
    defaultValue: "true",
    sample: "n % 2 === 0",
    invalid: '"yes"',
  },
  datetime: {
    spec: "seen:datetime?:default(now)",
    prisma: "DateTime? @default(now())",
    sql: "TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP",
    zod: "z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))])",
    defaultValue: "() => new Date()",
    sample: "new Date(Date.UTC(2024, 0, 1) + n * 1000)",
    invalid: '"yesterday"',
  },
  date: {
    spec: "born:date:default(now)",
    prisma: "DateTime @db.Date @default(now())",
    sql: "DATE NOT NULL DEFAULT CURRENT_TIMESTAMP",
    zod: "z.union([z.date(), z.iso.date().transform((text) => new Date(text))])",
    defaultValue: "() => new Date()",
    sample: "new Date(Date.UTC(2024, 0, 1 + n))",
    invalid: '"yesterday"',
  },
  json: {
    spec: "meta:json?",
    prisma: "Json?",
    sql: "JSONB",
    zod: "z.record(z.string(), z.json())",
    defaultValue: undefined,
    sample: "{ sample: n }",
    invalid: '"text"',
  },
  uuid: {
    spec: "key:uuid:default(uuid)",
    prisma: "String @db.Uuid @default(uuid())",
    sql: "UUID NOT NULL",
    zod: "z.uuid()",
    defaultValue: "() => crypto.randomUUID()",
    sample: "randomUUID()",
    invalid: '"not-a-uuid"',
  },
  enum: {
    spec: "status:enum(DRAFT,LIVE):default(LIVE)",
    prisma: "ProductStatus @default(LIVE)",
    sql: `"ProductStatus" NOT NULL DEFAULT 'LIVE'`,
    zod: 'z.enum(["DRAFT", "LIVE"])',
    defaultValue: '"LIVE"',
    sample: '"DRAFT"',
    invalid: '"_NOT_A_VALUE"',
  },
  references: {
    spec: "category:references",
    prisma: "String @db.Uuid",
    sql: "UUID NOT NULL",
    zod: "z.uuid()",
    defaultValue: undefined,
    sample: "randomUUID()",
    invalid: '"not-a-uuid"',
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

    it("gives its zod schema and its default in TypeScript", () => {
      expect([type.zod(field), type.defaultValue(field)]).toEqual([row.zod, row.defaultValue]);
    });

    it("gives a sample for builders and a value the schema refuses", () => {
      expect([type.sample(field).code, type.invalid]).toEqual([row.sample, row.invalid]);
    });
  });
});

describe("what only some types say", () => {
  it("maps big integers, decimals and json between Prisma and the domain", () => {
    const convert = (spec: string) => {
      const field = only(spec);
      return fieldTypes[field.type].convert?.(field, { property: field.name, entity: "Product" });
    };
    expect(convert("big:bigint")).toEqual({
      create: "BigInt(data.big)",
      update: "changes.big === undefined ? undefined : BigInt(changes.big)",
      read: "row.big.toString()",
    });
    expect(convert("price:decimal(5,2)?")).toEqual({ read: "row.price === null ? null : row.price.toFixed(2)" });
    expect(convert("price:decimal")).toEqual({ read: "row.price.toFixed()" });
    expect(convert("meta:json")).toEqual({ read: 'row.meta as Product["meta"]' });
    expect(convert("meta:json?")).toMatchObject({ create: "data.meta == null ? Prisma.DbNull : (data.meta as Prisma.InputJsonValue)" });
    expect(convert("name:string")).toBeUndefined();
  });

  it("needs Prisma's namespace as a value only for an optional json field", () => {
    const needs = (spec: string) => {
      const field = only(spec);
      return fieldTypes[field.type].needsPrismaNamespace?.(field) ?? false;
    };
    expect([needs("meta:json?"), needs("meta:json"), needs("big:bigint?")]).toEqual([true, false, false]);
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

  it("says what a sample needs in the builder: its sequence number, randomUUID, or nothing", () => {
    const needs = (spec: string) => {
      const field = only(spec);
      const sample = fieldTypes[field.type].sample(field);
      return [sample.usesSequence === true, sample.usesRandomUuid === true];
    };
    expect(["a:int", "a:uuid", "category:references", "category:references?", "a:enum(n)", "a:decimal(2,2)"].map(needs)).toEqual([
      [true, false],
      [false, true],
      [false, true],
      [false, false],
      [false, false],
      [false, false],
    ]);
  });

  it("gives the dates an ISO text that their schema reads", () => {
    expect(fieldTypes.date.isoText).toEqual({ text: '"2024-01-02"', date: 'new Date("2024-01-02T00:00:00.000Z")' });
    expect(fieldTypes.int.isoText).toBeUndefined();
  });
});
