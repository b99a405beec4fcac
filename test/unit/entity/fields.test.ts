import { describe, expect, it } from "vitest";
import { fieldTypes } from "../../../generators/src/entity/field-types/index.js";
import { parseFields, type ParsedField } from "../../../generators/src/entity/fields.js";
import { entityNames, type EntityNames } from "../../../generators/src/entity/naming.js";
import { relationsOf, type EntityRelation } from "../../../generators/src/entity/relations.js";
import { refusal } from "../../support/refusal.js";

const product = entityNames("Product");
const context = { entity: product, existingModels: ["Customer", "Category", "BillingAddress"] };

function parse(spec: string, entity = product): ParsedField[] {
  return parseFields(spec, { ...context, entity });
}

function only(spec: string): ParsedField {
  const [field, ...rest] = parse(spec);
  if (field === undefined || rest.length > 0) throw new Error(`expected one field from ${spec}`);
  return field;
}

function prismaOf(field: ParsedField) {
  return fieldTypes[field.type].prisma(field, product);
}

function relations(spec: string, entity: EntityNames = product): EntityRelation[] {
  return relationsOf(entity, parse(spec, entity));
}

function onlyRelation(spec: string, entity: EntityNames = product): EntityRelation {
  const [relation, ...rest] = relations(spec, entity);
  if (relation === undefined || rest.length > 0) throw new Error(`expected one relation from ${spec}`);
  return relation;
}

function refusalOf(spec: string, existingModels = context.existingModels): string {
  return refusal(() => parseFields(spec, { entity: product, existingModels }), `"${spec}" to be refused`);
}

describe("parseFields", () => {
  it("reads the example of the design, field by field", () => {
    const fields = parse(
      "name:string:unique price:decimal(12,2) stock:int:default(0) description:text? status:enum(DRAFT,ACTIVE,ARCHIVED):default(DRAFT) category:references",
    );
    expect(fields.map((field) => [field.name, field.type, field.optional, field.unique, field.index])).toEqual([
      ["name", "string", false, true, false],
      ["price", "decimal", false, false, false],
      ["stock", "int", false, false, false],
      ["description", "text", true, false, false],
      ["status", "enum", false, false, false],
      ["category", "references", false, false, true],
    ]);
  });

  it("returns no fields for an empty spec and ignores extra spaces", () => {
    expect(parse("")).toEqual([]);
    expect(parse("   ")).toEqual([]);
    expect(parse("  a:int   b:int ").map((field) => field.name)).toEqual(["a", "b"]);
  });

  it.each([
    ["string", "String", "@db.VarChar(255)"],
    ["text", "String", undefined],
    ["int", "Int", undefined],
    ["bigint", "BigInt", undefined],
    ["float", "Float", undefined],
    ["decimal", "Decimal", undefined],
    ["decimal(12,2)", "Decimal", "@db.Decimal(12, 2)"],
    ["boolean", "Boolean", undefined],
    ["datetime", "DateTime", undefined],
    ["date", "DateTime", "@db.Date"],
    ["json", "Json", undefined],
    ["uuid", "String", "@db.Uuid"],
    ["enum(A,B)", "ProductValue", undefined],
  ])("maps %s to the Prisma type %s with %s", (type, prismaType, dbAttribute) => {
    const prisma = prismaOf(only(`value:${type}`));
    expect([prisma.type, prisma.nativeType]).toEqual([prismaType, dbAttribute]);
  });

  it("reads type and modifier keywords in any case", () => {
    const field = only("createdOn:DateTime?:Unique");
    expect([field.type, field.optional, field.unique]).toEqual(["datetime", true, true]);
  });

  it("normalizes field names to camelCase", () => {
    expect(parse("unit_price:float unit-cost:float UnitTax:float").map((field) => [field.name, field.pascal, field.words])).toEqual([
      ["unitPrice", "UnitPrice", "unit price"],
      ["unitCost", "UnitCost", "unit cost"],
      ["unitTax", "UnitTax", "unit tax"],
    ]);
  });

  it("marks a field optional with ? right after the type, arguments included", () => {
    expect(parse("a:string? b:decimal(5,2)? c:enum(X,Y)? d:references(Customer)?").map((field) => field.optional)).toEqual([true, true, true, true]);
  });

  it("keeps the token as written for messages", () => {
    expect(only("stock:int:default(0)").source).toBe("stock:int:default(0)");
  });

  describe("defaults", () => {
    it.each([
      ["title:string:default(untitled)", { kind: "value", value: "untitled" }, '"untitled"'],
      ["title:string:default(it's)", { kind: "value", value: "it's" }, `"it's"`],
      ["tag:string:default(a:b)", { kind: "value", value: "a:b" }, '"a:b"'],
      ["body:text:default(n/a)", { kind: "value", value: "n/a" }, '"n/a"'],
      ["stock:int:default(0)", { kind: "value", value: 0 }, "0"],
      ["stock:int:default(-12)", { kind: "value", value: -12 }, "-12"],
      ["stock:int:default(007)", { kind: "value", value: 7 }, "7"],
      ["stock:int:default(-0)", { kind: "value", value: 0 }, "0"],
      ["stock:int:default(2147483647)", { kind: "value", value: 2147483647 }, "2147483647"],
      ["big:bigint:default(9223372036854775807)", { kind: "value", value: "9223372036854775807" }, "9223372036854775807"],
      ["big:bigint:default(-0012)", { kind: "value", value: "-12" }, "-12"],
      ["ratio:float:default(1.50)", { kind: "value", value: 1.5 }, "1.50"],
      ["ratio:float:default(-0)", { kind: "value", value: 0 }, "0"],
      ["ratio:float:default(010.25)", { kind: "value", value: 10.25 }, "10.25"],
      ["price:decimal:default(12.50)", { kind: "value", value: "12.50" }, "12.50"],
      ["price:decimal(5,2):default(007.10)", { kind: "value", value: "7.10" }, "7.10"],
      ["price:decimal(5,2):default(-0.00)", { kind: "value", value: "0.00" }, "0.00"],
      ["price:decimal(3,3):default(0.125)", { kind: "value", value: "0.125" }, "0.125"],
      ["active:boolean:default(true)", { kind: "value", value: true }, "true"],
      ["active:boolean:default(false)", { kind: "value", value: false }, "false"],
      ["at:datetime:default(now)", { kind: "now" }, "now()"],
      ["at:datetime:default(now())", { kind: "now" }, "now()"],
      ["on:date:default(now)", { kind: "now" }, "now()"],
      ["key:uuid:default(uuid)", { kind: "randomUuid" }, "uuid()"],
      ["key:uuid:default(uuid())", { kind: "randomUuid" }, "uuid()"],
      ["state:enum(DRAFT,LIVE):default(LIVE)", { kind: "value", value: "LIVE" }, "LIVE"],
    ])("reads %s as the default %j in the domain, written %s in schema.prisma", (spec, value, prismaDefault) => {
      const field = only(spec);
      expect(fieldTypes[field.type].domainDefault(field)).toEqual(value);
      expect(prismaOf(field).default).toBe(prismaDefault);
    });

    it("leaves fields without a default without one", () => {
      for (const field of parse("a:string b:int c:json d:references(Customer) e:enum(X)")) {
        expect([field.default, prismaOf(field).default]).toEqual([undefined, undefined]);
      }
    });
  });

  describe("decimal", () => {
    it("keeps precision and scale, or none for a plain decimal", () => {
      const [plain, scaled] = parse("a:decimal b:decimal(1000,0)");
      expect(plain).toMatchObject({ type: "decimal", args: [] });
      expect(scaled).toMatchObject({ type: "decimal", args: ["1000", "0"] });
      expect(scaled === undefined ? undefined : prismaOf(scaled).nativeType).toBe("@db.Decimal(1000, 0)");
    });
  });

  describe("enum", () => {
    it("names the enum type after the entity and the field", () => {
      const enumOf = (spec: string) => {
        const field = only(spec);
        return { ...fieldTypes.enum.enumType?.(field, product), prismaType: prismaOf(field).type };
      };
      expect(enumOf("status:enum(DRAFT,ACTIVE,ARCHIVED)")).toEqual({
        name: "ProductStatus",
        prismaType: "ProductStatus",
        values: ["DRAFT", "ACTIVE", "ARCHIVED"],
      });
      expect(enumOf("shipping_state:enum(a_1,B2)")).toMatchObject({ name: "ProductShippingState", values: ["a_1", "B2"] });
    });
  });

  describe("references", () => {
    it("infers the target from the field name", () => {
      const relation = onlyRelation("category:references");
      expect(relation).toMatchObject({
        foreignKey: "categoryId",
        relationName: undefined,
        backRelationField: "products",
        backRelationList: true,
        selfReference: false,
      });
      expect([relation.target.pascal, relation.field.type, relation.field.index, relation.field.unique]).toEqual([
        "Category",
        "references",
        true,
        false,
      ]);
      expect(onlyRelation("billingAddress:references")).toMatchObject({ target: { pascal: "BillingAddress" }, foreignKey: "billingAddressId" });
      expect(onlyRelation("billing_address:references?")).toMatchObject({
        field: { name: "billingAddress", optional: true },
        target: { pascal: "BillingAddress" },
      });
    });

    it("takes an explicit target in any spelling", () => {
      for (const target of ["Customer", "customer", "customers", "CUSTOMER"]) {
        expect(onlyRelation(`buyer:references(${target})`).target.pascal).toBe("Customer");
      }
      const relation = onlyRelation("shipTo:references(billing-address)");
      expect([relation.target.pascal, relation.target.camel, relation.foreignKey]).toEqual(["BillingAddress", "billingAddress", "shipToId"]);
    });

    it("makes a unique reference one-to-one, with a singular back-relation and no plain index", () => {
      expect(onlyRelation("category:references:unique")).toMatchObject({
        field: { unique: true, index: false },
        backRelationField: "product",
        backRelationList: false,
      });
    });

    it("accepts index on a reference, whose foreign key is indexed anyway", () => {
      expect(only("category:references:index")).toMatchObject({ index: true, unique: false });
    });

    it("names the relations when one target is referenced twice", () => {
      const shipment = entityNames("Shipment");
      const named = relations("origin:references(Customer) destination:references(Customer)? category:references", shipment);
      expect(named.map((relation) => [relation.relationName, relation.backRelationField])).toEqual([
        ["ShipmentOrigin", "originShipments"],
        ["ShipmentDestination", "destinationShipments"],
        [undefined, "shipments"],
      ]);
    });

    it("names a self-reference and its back-relation", () => {
      const category = entityNames("Category");
      expect(onlyRelation("parent:references(Category)?", category)).toMatchObject({
        selfReference: true,
        relationName: "CategoryParent",
        backRelationField: "parentCategories",
        backRelationList: true,
      });
      expect(onlyRelation("mentor:references(Category):unique", category)).toMatchObject({
        selfReference: true,
        relationName: "CategoryMentor",
        backRelationField: "mentorCategory",
        backRelationList: false,
      });
    });

    it("accepts a self-reference by inference from the field name", () => {
      expect(onlyRelation("product:references?")).toMatchObject({ selfReference: true, foreignKey: "productId" });
    });
  });

  describe("refusals", () => {
    it.each([
      ["name:strng", 'Unknown field type "strng" in "name:strng". Known types: string, text, int, bigint, float, decimal, boolean, datetime, date, json, uuid, enum, references.'],
      ["name", 'Missing type in "name". Write name:<type>, e.g. name:string.'],
      ["name:", 'Missing type in "name:". Write name:<type>, e.g. name:string.'],
      [":string", 'Missing field name in ":string". Write name:type, e.g. title:string.'],
      ["name:string??", 'Malformed type "string??" in "name:string??". Write type[?], e.g. string, decimal(12,2) or enum(A,B)?.'],
      ["a:enum(A,B", 'Malformed type "enum(A,B" in "a:enum(A,B". Write type[?], e.g. string, decimal(12,2) or enum(A,B)?.'],
      ["name:string(10)", 'Type "string" takes no arguments in "name:string(10)".'],
      ["name:string:primary", 'Unknown modifier "primary" in "name:string:primary". Modifiers are unique, index and default(<value>).'],
      ["name:string:", 'Malformed modifier "" in "name:string:". Modifiers are unique, index and default(<value>).'],
      ["stock:int:default(", 'Malformed modifier "default(" in "stock:int:default(". Modifiers are unique, index and default(<value>).'],
      ["stock:int:default()", 'Malformed modifier "default()" in "stock:int:default()". Write default(<value>).'],
      ["stock:int:default", 'Malformed modifier "default" in "stock:int:default". Write default(<value>).'],
      ["name:string:unique(x)", 'Modifier "unique" takes no arguments in "name:string:unique(x)".'],
      ["name:string:unique:unique", 'Repeated modifier "unique" in "name:string:unique:unique".'],
      ["stock:int:default(1):default(2)", 'Repeated modifier "default" in "stock:int:default(1):default(2)".'],
      ["name:string:unique:index", 'Modifiers "unique" and "index" together in "name:string:unique:index". A unique field is already indexed; keep one of them.'],
      ["stock:int:default(abc)", 'Default "abc" does not fit int in "stock:int:default(abc)". Write an integer from -2147483648 to 2147483647.'],
      ["stock:int:default(1.5)", 'Default "1.5" does not fit int in "stock:int:default(1.5)". Write an integer from -2147483648 to 2147483647.'],
      ["stock:int:default(2147483648)", 'Default 2147483648 out of range for int in "stock:int:default(2147483648)". Write an integer from -2147483648 to 2147483647.'],
      ["n:bigint:default(9223372036854775808)", 'Default 9223372036854775808 out of range for bigint in "n:bigint:default(9223372036854775808)". Write an integer from -9223372036854775808 to 9223372036854775807.'],
      ["r:float:default(1e5)", 'Default "1e5" does not fit float in "r:float:default(1e5)". Write digits with an optional fraction, e.g. default(1.5).'],
      ["r:float:default(.5)", 'Default ".5" does not fit float in "r:float:default(.5)". Write digits with an optional fraction, e.g. default(1.5).'],
      ["ok:boolean:default(yes)", 'Default "yes" does not fit boolean in "ok:boolean:default(yes)". Write default(true) or default(false).'],
      ["s:enum(A,B):default(C)", 'Default "C" is not a value of the enum in "s:enum(A,B):default(C)". Values: A, B.'],
      ["p:decimal(5,2):default(1.234)", 'Default 1.234 does not fit decimal(5,2) in "p:decimal(5,2):default(1.234)". Write at most 3 digits before the point and 2 after it.'],
      ["p:decimal(5,2):default(1234)", 'Default 1234 does not fit decimal(5,2) in "p:decimal(5,2):default(1234)". Write at most 3 digits before the point and 2 after it.'],
      ["p:decimal:default(1.0000000000000000000000000000001)", 'Default 1.0000000000000000000000000000001 does not fit decimal(65,30) in "p:decimal:default(1.0000000000000000000000000000001)". Write at most 35 digits before the point and 30 after it.'],
      ["p:decimal:default(x)", 'Default "x" does not fit decimal in "p:decimal:default(x)". Write digits with an optional fraction, e.g. default(9.99).'],
      ["p:decimal(5,6)", 'Decimal scale 6 larger than the precision 5 in "p:decimal(5,6)". The scale goes from 0 to the precision.'],
      ["p:decimal(1001,2)", 'Decimal precision 1001 out of range in "p:decimal(1001,2)". Precision goes from 1 to 1000.'],
      ["p:decimal(0,0)", 'Decimal precision 0 out of range in "p:decimal(0,0)". Precision goes from 1 to 1000.'],
      ["p:decimal(5)", 'Malformed type "decimal(5)" in "p:decimal(5)". Write decimal or decimal(P,S), e.g. decimal(12,2).'],
      ["p:decimal(5, 2)", 'Malformed type "decimal(5," in "p:decimal(5,". Write type[?], e.g. string, decimal(12,2) or enum(A,B)?.'],
      ["j:json:default(x)", 'A default on json in "j:json:default(x)". Fields of type json take no default.'],
      ["category:references:default(x)", 'A default on a reference in "category:references:default(x)". References take no default.'],
      ["d:datetime:default(today)", 'Default "today" does not fit datetime in "d:datetime:default(today)". The only default for datetime is now.'],
      ["d:date:default(2024-01-01)", 'Default "2024-01-01" does not fit date in "d:date:default(2024-01-01)". The only default for date is now.'],
      ["u:uuid:default(abc)", 'Default "abc" does not fit uuid in "u:uuid:default(abc)". The only default for uuid is uuid.'],
      ['n:string:default(a"b)', 'Default "a"b" contains a double quote or a backslash in "n:string:default(a"b)". Write the text without them.'],
      ["n:text:default(a\\b)", 'Default "a\\b" contains a double quote or a backslash in "n:text:default(a\\b)". Write the text without them.'],
      [`n:string:default(${"x".repeat(256)})`, `Default longer than 255 characters in "n:string:default(${"x".repeat(256)})". A string field holds at most 255; use text for longer values.`],
      ["e:enum()", 'Enum without values in "e:enum()". Write enum(A,B,...).'],
      ["e:enum", 'Enum without values in "e:enum". Write enum(A,B,...).'],
      ["e:enum(A,A)", 'Repeated enum value "A" in "e:enum(A,A)".'],
      ["e:enum(1A)", 'Invalid enum value "1A" in "e:enum(1A)". Values start with a letter and use only letters, digits and "_".'],
      ["e:enum(A,)", 'Invalid enum value "" in "e:enum(A,)". Values start with a letter and use only letters, digits and "_".'],
      ["c:references()", 'Malformed type "references()" in "c:references()". Write references or references(Entity).'],
      ["supplier:references", 'Unknown relation target "Supplier" in "supplier:references". Existing entities: BillingAddress, Category, Customer.'],
      ["a:string a:int", 'Duplicate field "a" in "a:int" ("a:string" already defines it).'],
      ["unit_price:float unitPrice:float", 'Duplicate field "unitPrice" in "unitPrice:float" ("unit_price:float" already defines it).'],
      ["category:references categoryId:uuid", 'Duplicate field "categoryId" in "categoryId:uuid" ("category:references" already creates it).'],
      ["categoryId:uuid category:references", 'Duplicate field "categoryId" in "category:references" ("categoryId:uuid" already defines it).'],
      [
        "productsList:int parent:references(Product) parentProducts:string",
        'Duplicate field "parentProducts" in "parent:references(Product)" ("parentProducts:string" already defines it).',
      ],
      ["id:uuid", 'Field name "id" is automatic: every entity has id, createdAt, updatedAt, version; choose another name.'],
      ["class:string", 'Field name "class" is the reserved word "class" in JavaScript; choose another name.'],
    ])("refuses %s", (spec, message) => {
      expect(refusalOf(spec)).toBe(message);
    });

    it("names the existing entities, or none, when a relation target is unknown", () => {
      expect(refusalOf("category:references", ["Product", "Customer"])).toBe(
        'Unknown relation target "Category" in "category:references". Existing entities: Customer, Product.',
      );
      expect(refusalOf("category:references", [])).toBe('Unknown relation target "Category" in "category:references". Existing entities: none.');
    });

    it("refuses an enum type that would take the name of an existing model", () => {
      expect(refusalOf("line:enum(A)", ["ProductLine"])).toBe('Enum type ProductLine would clash with the model ProductLine in "line:enum(A)". Rename the field.');
    });

    it("refuses index names that PostgreSQL's length limit would make equal", () => {
      const entity = entityNames("A".repeat(50) + "b".repeat(8));
      expect(() => parseFields("x:int:unique xy:int:unique", { entity, existingModels: [] })).toThrow(
        `Constraint name "${entity.pascal}__key" for "xy:int:unique" is the same as for "x:int:unique" once cut to PostgreSQL's 63 characters; shorten the entity or field names.`,
      );
      expect(() => parseFields("x:int:unique xy:int:index", { entity, existingModels: [] })).not.toThrow();
    });

    it("refuses a foreign key or enum type name longer than PostgreSQL keeps", () => {
      const name = "a".repeat(62);
      expect(refusalOf(`${name}:references(Customer)`)).toBe(
        `Foreign key ${name}Id too long in "${name}:references(Customer)". PostgreSQL's limit is 63 characters; shorten the field name.`,
      );
      expect(refusalOf(`${name}:enum(A)`)).toContain("Enum type name Product" + name.charAt(0).toUpperCase());
    });
  });
});
