import { describe, expect, it } from "vitest";
import { databaseColumnOrder } from "../../../generators/src/entity/evolve/column-order.js";
import { dataLossOf, dataLossOfDestroy, diffFields, failureRisksOf } from "../../../generators/src/entity/evolve/field-diff.js";
import { parseFields } from "../../../generators/src/entity/fields.js";
import { entityNames } from "../../../generators/src/entity/naming.js";
import { refusal } from "../../support/refusal.js";

const product = entityNames("Product");
const models = ["Product", "Customer", "User"];
const parse = (spec: string) => parseFields(spec, { entity: product, existingModels: models });
const diff = (before: string, after: string) => diffFields(product, parse(before), parse(after));
const refused = (before: string, after: string): string => refusal(() => diff(before, after));

describe("diffFields", () => {
  it("finds nothing to change when only the spelling of the tokens differs", () => {
    expect(diff("title:string price:decimal(12,2)", "Title:String price:Decimal(12,2)")).toEqual([]);
  });

  it("lists additions in the new order, then alterations, then removals in the old order", () => {
    const changes = diff("a:int b:int? c:int d:int", "z:int? b:int y:text? a:int");
    expect(changes.map((change) => (change.kind === "alter" ? `alter ${change.after.name}` : `${change.kind} ${change.field.name}`))).toEqual([
      "add z",
      "add y",
      "alter b",
      "remove c",
      "remove d",
    ]);
  });

  it("sees a change of nullability, index, uniqueness, default and enum values as an alteration", () => {
    const changes = diff(
      "a:int b:int c:int d:int:default(1) e:enum(X,Y)",
      "a:int? b:int:index c:int:unique d:int:default(2) e:enum(X,Z,Y)",
    );
    expect(changes.map((change) => change.kind)).toEqual(["alter", "alter", "alter", "alter", "alter"]);
  });

  it("accepts optional fields, required fields with a database default, and reordered or added enum values", () => {
    expect(() =>
      diff(
        "title:string status:enum(A,B)",
        "title:string status:enum(B,C,A) note:text? stock:int:default(0) seen:datetime:default(now) owner:references(Customer)?",
      ),
    ).not.toThrow();
  });

  it("accepts making fields required or unique: the migration stops on rows that do not fit, changing nothing", () => {
    expect(() => diff("title:string? code:string owner:references(Customer)?", "title:string code:string:unique owner:references(Customer)")).not.toThrow();
  });
});

describe("the changes diffFields refuses, each in one line that says what to do instead", () => {
  it("refuses a required field without a default", () => {
    expect(refused("title:string", "title:string stock:int:index")).toBe(
      'Cannot add the required field "stock" to Product: the rows already in Product would have no value. ' +
        'Add it optional ("stock:int?:index"), or give it a default ("stock:int:index:default(<value>)").',
    );
  });

  it("refuses a required json field, which can have no default", () => {
    expect(refused("title:string", "title:string meta:json")).toBe(
      'Cannot add the required field "meta" to Product: the rows already in Product would have no value. Add it optional ("meta:json?").',
    );
  });

  it("refuses a required reference", () => {
    expect(refused("title:string", "title:string owner:references(Customer):unique")).toBe(
      'Cannot add the required reference "owner" to Product: the rows already in Product would reference nothing. ' +
        'Add it optional ("owner:references(Customer)?:unique"), fill it in, then make it required in a later change.',
    );
  });

  it("refuses a required field whose default only Prisma Client makes", () => {
    expect(refused("title:string", "title:string token:uuid:default(uuid)")).toBe(
      'Cannot add the required field "token" to Product: its default is made by Prisma Client, not by the database, ' +
        'so the rows already in Product would have no value. Add it optional ("token:uuid?:default(uuid)"), fill it in, ' +
        "then make it required in a later change.",
    );
  });

  it("refuses a required unique field, which every row would hold with the same default", () => {
    expect(refused("title:string", "title:string code:string:unique:default(X)")).toBe(
      'Cannot add the required unique field "code" to Product: the rows already in Product would all get the same default, ' +
        'which a unique index refuses. Add it optional ("code:string?:unique:default(X)"), fill in distinct values, ' +
        "then make it required in a later change.",
    );
  });

  it("refuses a change of type, of digits and of referenced model", () => {
    expect(refused("stock:int", "stock:bigint")).toBe(
      'Cannot change "stock" of Product from int to bigint: the stored values might not convert. ' +
        'Add a new field, copy the data over, then remove "stock".',
    );
    expect(refused("price:decimal(12,2)", "price:Decimal(10,2)?")).toContain('from decimal(12,2) to Decimal(10,2):');
    expect(refused("owner:references(Customer)?", "owner:references(User)?")).toContain(
      'from references(Customer) to references(User):',
    );
    expect(refused("status:enum(A,B)", "status:string")).toContain("from enum(A,B) to string:");
  });

  it("refuses to remove enum values", () => {
    expect(refused("status:enum(DRAFT,ACTIVE,ARCHIVED)", "status:enum(ACTIVE,NEW)")).toBe(
      'Cannot remove DRAFT, ARCHIVED from the values of "status" on Product: rows may still hold them. ' +
        'Keep DRAFT, ARCHIVED in the list, or add a new field with the values you want, move the data, then remove "status".',
    );
  });

  it("refuses to make a new enum value the default in the change that adds it", () => {
    expect(refused("status:enum(A,B):default(A)", "status:enum(A,B,FAILED):default(FAILED)")).toBe(
      'Cannot make FAILED the default of "status" on Product in the change that adds the value: PostgreSQL cannot use an enum value ' +
        "in the transaction that adds it. Add FAILED in one change, then make it the default in the next.",
    );
    expect(() => diff("status:enum(A,B):default(A)", "status:enum(A,B,FAILED):default(B)")).not.toThrow();
  });

  it("refuses a new field that takes the column of a field removed in the same change", () => {
    expect(refused("owner:references(Customer)?", "ownerId:uuid?")).toBe(
      'Cannot add "ownerId" to Product in the change that removes "owner": both use the column ownerId. ' +
        'Remove "owner" in one change, then add "ownerId" in the next.',
    );
  });
});

describe("dataLossOf", () => {
  it("says nothing when no column goes", () => {
    expect(dataLossOf(product, diff("title:string", "title:string? note:text?"))).toEqual([]);
  });

  it("names each removed column, reference and enum type", () => {
    expect(dataLossOf(product, diff("title:string note:text? owner:references(Customer)? status:enum(A,B)", "title:string"))).toEqual([
      'Removing "note" from Product drops the column note and every value in it for good.',
      'Removing "owner" from Product drops the column ownerId and every reference in it for good.',
      'Removing "status" from Product drops the column status and every value in it, and the enum type ProductStatus, for good.',
    ]);
  });

  it("warns that a rename does not carry the values over", () => {
    expect(dataLossOf(product, diff("title:string", "name:string?"))).toEqual([
      'Removing "title" from Product drops the column title and every value in it for good ' +
        '("name" is a new, empty column: a rename does not carry the values over).',
    ]);
  });
});

describe("dataLossOfDestroy", () => {
  it("names the table and the enum types that go with it", () => {
    expect(dataLossOfDestroy(product, parse("title:string status:enum(A,B) kind:enum(K)?"))).toBe(
      "Destroying Product drops the table Product and every row in it, and the enum types ProductStatus, ProductKind, for good.",
    );
    expect(dataLossOfDestroy(product, [])).toBe("Destroying Product drops the table Product and every row in it for good.");
  });
});

describe("failureRisksOf", () => {
  it("names the fields made required or unique, whose migration stops on rows that do not fit", () => {
    expect(failureRisksOf(product, diff("title:string? code:string", "title:string code:string:unique"))).toEqual([
      'Making "title" of Product required: the migration stops, changing nothing, while a row holds no value in title; fill those rows in before it runs.',
      'Making "code" of Product unique: the migration stops, changing nothing, while two rows hold the same value in code; make them differ before it runs.',
    ]);
    expect(failureRisksOf(product, diff("title:string", "title:string? note:text?:unique"))).toEqual([]);
  });
});

describe("databaseColumnOrder", () => {
  it("keeps the creation order, appends each change's new columns by name and takes out the dropped ones", () => {
    const history = [
      "title:string price:int",
      "title:string zeta:int? price:int alpha:int? owner:references(Customer)?",
      "zeta:int? alpha:int? owner:references(Customer)? title:string? mid:int?",
      "zeta:int? alpha:int? owner:references(Customer)? mid:int?",
      "title:text? zeta:int? alpha:int? owner:references(Customer)? mid:int?",
    ];
    expect(databaseColumnOrder(history.slice(0, 2).map(parse))).toEqual(["title", "price", "alpha", "ownerId", "zeta"]);
    expect(databaseColumnOrder(history.map(parse))).toEqual(["alpha", "ownerId", "zeta", "mid", "title"]);
  });
});
