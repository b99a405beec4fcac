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
  it("gives each field its schemas, a sample and an invalid value, under the domain's property", () => {
    const view = viewOf("Product", "name:string price:decimal(12,2)? stock:int:default(0) category:references");
    expect(view.fields).toEqual([
      {
        name: "name",
        words: "name",
        aWords: "a name",
        optional: false,
        schema: "z.string().min(1).max(255)",
        newSchema: "productFields.name",
        sample: "`name ${String(n)}`",
        invalid: '""',
      },
      {
        name: "price",
        words: "price",
        aWords: "a price",
        optional: true,
        schema: 'z.string().regex(/^-?\\d{1,10}(\\.\\d{1,2})?$/, "a decimal number that fits decimal(12,2)").nullable()',
        newSchema: "productFields.price.optional()",
        sample: "`${String(n % 1000000)}.25`",
        invalid: '"not a number"',
      },
      {
        name: "stock",
        words: "stock",
        aWords: "a stock",
        optional: false,
        schema: "z.int32()",
        newSchema: "productFields.stock.default(0)",
        sample: "n",
        invalid: "1.5",
      },
      {
        name: "categoryId",
        words: "category",
        aWords: "a category",
        optional: false,
        schema: "z.uuid()",
        newSchema: "productFields.categoryId",
        sample: "randomUUID()",
        invalid: '"not-a-uuid"',
      },
    ]);
  });

  it("sorts fields into required and optional", () => {
    const view = viewOf("Product", "a:string b:int:default(1) c:text? d:text?:default(x)");
    expect(view.requiredFields.map((field) => field.name)).toEqual(["a"]);
    expect(view.optionalFields.map((field) => field.name)).toEqual(["c", "d"]);
  });

  it("states what each default parses to", () => {
    const view = viewOf("Product", "a:int:default(3) b:datetime:default(now) c:uuid:default(uuid) d:json");
    expect(view.defaults).toEqual([
      { name: "a", words: "a", expectation: "toBe(3)" },
      { name: "b", words: "b", expectation: "toBeInstanceOf(Date)" },
      { name: "c", words: "c", expectation: "toMatch(/^[0-9a-f-]{36}$/)" },
    ]);
  });

  it("lists the dates that also come as ISO text", () => {
    const view = viewOf("Event", "at:datetime on:date? title:string");
    expect(view.dateTexts.map((date) => [date.name, date.aWords, date.text])).toEqual([
      ["at", "an at", '"2024-01-02T03:04:05.000Z"'],
      ["on", "an on", '"2024-01-02"'],
    ]);
  });

  it("converts only where Prisma's values differ from the domain's, and imports Prisma's namespace for DbNull", () => {
    const view = viewOf("Product", "a:bigint b:decimal c:json? d:string");
    expect(view.createConversions.map((conversion) => conversion.name)).toEqual(["a", "c"]);
    expect(view.updateConversions.map((conversion) => conversion.name)).toEqual(["a", "c"]);
    expect(view.readConversions.map((conversion) => conversion.name)).toEqual(["a", "b", "c"]);
    expect([view.needsPrismaNamespace, viewOf("Product", "c:json").needsPrismaNamespace]).toEqual([true, false]);
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
    expect(view.targetStores).toBe("CustomerStore, CategoryStore");
    expect(view.hasBuiltReferences).toBe(true);
  });

  it("says whether the builder needs its sequence and randomUUID", () => {
    expect([viewOf("Product", "a:int").usesSequence, viewOf("Product", "a:int").needsRandomUuidInBuilder]).toEqual([true, false]);
    const uuids = viewOf("Product", "a:uuid b:enum(X)");
    expect([uuids.usesSequence, uuids.needsRandomUuidInBuilder]).toEqual([false, true]);
  });

  it("names the entity with its article and keeps the spec for the header", () => {
    const view = viewOf("order line", "note:text");
    expect([view.aEntity, view.fieldSpec]).toEqual(["an order line", "note:text"]);
  });
});
