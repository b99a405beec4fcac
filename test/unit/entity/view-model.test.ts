import { describe, expect, it } from "vitest";
import { parseFields } from "../../../generators/src/entity/fields.js";
import { entityNames } from "../../../generators/src/entity/naming.js";
import { entityView, type EntityView } from "../../../generators/src/entity/view-model.js";

const existingModels = ["Customer", "Category"];

function viewOf(name: string, spec: string): EntityView {
  const entity = entityNames(name);
  return entityView(entity, parseFields(spec, { entity, existingModels }), spec);
}

describe("entityView", () => {
  it("gives each field the shapes of its schema, default and sample, and an invalid value, under the domain's property", () => {
    const view = viewOf("Product", "name:string price:decimal(12,2)? stock:int:default(0) category:references");
    expect(view.fields).toEqual([
      {
        name: "name",
        words: "name",
        aWords: "a name",
        optional: false,
        schema: { kind: "text", maxLength: 255 },
        defaultValue: undefined,
        sample: { kind: "words", words: "name" },
        invalid: "",
      },
      {
        name: "price",
        words: "price",
        aWords: "a price",
        optional: true,
        schema: { kind: "call", function: "decimalSchema", args: [{ precision: 12, scale: 2 }] },
        defaultValue: undefined,
        sample: { kind: "decimal", modulus: 1_000_000, fraction: ".25" },
        invalid: "not a number",
      },
      {
        name: "stock",
        words: "stock",
        aWords: "a stock",
        optional: false,
        schema: { kind: "int32" },
        defaultValue: { kind: "value", value: 0 },
        sample: { kind: "sequence" },
        invalid: 1.5,
      },
      {
        name: "categoryId",
        words: "category",
        aWords: "a category",
        optional: false,
        schema: { kind: "uuid" },
        defaultValue: undefined,
        sample: { kind: "randomUuid" },
        invalid: "not-a-uuid",
      },
    ]);
  });

  it("names the platform's schemas the domain file calls, once each", () => {
    const view = viewOf("Event", "a:decimal b:decimal(5,2) at:datetime on:date? big:bigint name:string");
    expect(view.schemaImports).toEqual(["bigintSchema", "dateSchema", "dateTimeSchema", "decimalSchema"]);
    expect(viewOf("Event", "name:string").schemaImports).toEqual([]);
  });

  it("sorts fields into required and optional", () => {
    const view = viewOf("Product", "a:string b:int:default(1) c:text? d:text?:default(x)");
    expect(view.requiredFields.map((field) => field.name)).toEqual(["a"]);
    expect(view.optionalFields.map((field) => field.name)).toEqual(["c", "d"]);
  });

  it("states what each default parses to", () => {
    const view = viewOf("Product", "a:int:default(3) b:datetime:default(now) c:uuid:default(uuid) d:json e:decimal(5,2):default(1.5)");
    expect(view.defaults).toEqual([
      { name: "a", words: "a", defaultValue: { kind: "value", value: 3 } },
      { name: "b", words: "b", defaultValue: { kind: "now" } },
      { name: "c", words: "c", defaultValue: { kind: "randomUuid" } },
      { name: "e", words: "e", defaultValue: { kind: "value", value: "1.50" } },
    ]);
  });

  it("lists the dates that also come as ISO text, with the instant they stand for", () => {
    const view = viewOf("Event", "at:datetime on:date? title:string");
    expect(view.dateTexts).toEqual([
      { name: "at", aWords: "an at", text: "2024-01-02T03:04:05.000Z", instant: "2024-01-02T03:04:05.000Z" },
      { name: "on", aWords: "an on", text: "2024-01-02", instant: "2024-01-02T00:00:00.000Z" },
    ]);
  });

  it("converts only where Prisma's values differ from the domain's, with the platform's functions", () => {
    const view = viewOf("Product", "a:bigint b:decimal(12,2) c:json? d:string e:json");
    expect(view.toPrisma).toEqual([
      { name: "a", function: "toBigInt", args: [] },
      { name: "c", function: "jsonInput", args: [] },
    ]);
    expect(view.fromPrisma).toEqual([
      { name: "a", function: "bigintText", args: [] },
      { name: "b", function: "decimalText", args: [2] },
      { name: "c", function: "jsonObjectOrNull", args: [] },
      { name: "e", function: "jsonObject", args: [] },
    ]);
    expect(view.prismaValueImports).toEqual(["bigintText", "decimalText", "jsonInput", "jsonObject", "jsonObjectOrNull", "toBigInt"]);
    expect(viewOf("Product", "d:string").prismaValueImports).toEqual([]);
  });

  it("names the unique fields, and tests only those whose builder values do not repeat", () => {
    const view = viewOf("Product", "code:string:unique at:datetime?:unique live:boolean:unique category:references?:unique");
    expect(view.uniques.map((unique) => unique.name)).toEqual(["code", "at", "live", "categoryId"]);
    expect(view.testableUniques.map((unique) => unique.name)).toEqual(["code", "at"]);
  });

  it("builds the required references to other entities, once per target", () => {
    const view = viewOf("Order", "buyer:references(Customer) payer:references(Customer)? category:references? parent:references(Order)?");
    expect(view.references.map((reference) => [reference.foreignKey, reference.target.pascal, reference.selfReference])).toEqual([
      ["buyerId", "Customer", false],
      ["payerId", "Customer", false],
      ["categoryId", "Category", false],
      ["parentId", "Order", true],
    ]);
    expect(view.builtReferences.map((reference) => reference.foreignKey)).toEqual(["buyerId"]);
    expect(view.targets.map((target) => [target.pascal, target.built])).toEqual([
      ["Customer", true],
      ["Category", false],
    ]);
    expect(view.hasBuiltReferences).toBe(true);
  });

  it("says whether the builder needs its sequence and randomUUID", () => {
    expect([viewOf("Product", "a:int").usesSequence, viewOf("Product", "a:int").needsRandomUuidInBuilder]).toEqual([true, false]);
    const uuids = viewOf("Product", "a:uuid b:enum(X)");
    expect([uuids.usesSequence, uuids.needsRandomUuidInBuilder]).toEqual([false, true]);
    const constants = viewOf("Product", "a:decimal(2,2) b:references(Customer)? c:enum(X)");
    expect([constants.usesSequence, constants.needsRandomUuidInBuilder]).toEqual([false, false]);
    expect(viewOf("Product", "a:references(Customer)").needsRandomUuidInBuilder).toBe(true);
  });

  it("names the entity with its article and keeps the spec for the header", () => {
    const view = viewOf("order line", "note:text");
    expect([view.aEntity, view.fieldSpec]).toEqual(["an order line", "note:text"]);
  });
});
