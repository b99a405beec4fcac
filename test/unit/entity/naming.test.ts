import { describe, expect, it } from "vitest";
import { entityNames, fieldNames, relationTargetNames } from "../../../generators/src/entity/naming.js";
import { refusal } from "../../support/refusal.js";


describe("entityNames", () => {
  const lineItem = {
    pascal: "LineItem",
    camel: "lineItem",
    kebab: "line-item",
    snake: "line_item",
    pluralPascal: "LineItems",
    pluralCamel: "lineItems",
    pluralKebab: "line-items",
    pluralSnake: "line_items",
    words: "line item",
    pluralWords: "line items",
  };

  it.each(["LineItem", "lineItem", "line-item", "line_item", "line item", "LINE_ITEM", "LineItems", "line items"])(
    "reads %s as the entity LineItem",
    (input) => {
      expect(entityNames(input)).toEqual(lineItem);
    },
  );

  it.each([
    ["Products", "Product", "Products"],
    ["people", "Person", "People"],
    ["Person", "Person", "People"],
    ["category", "Category", "Categories"],
    ["status", "Status", "Statuses"],
    ["statuses", "Status", "Statuses"],
    ["address", "Address", "Addresses"],
    ["child", "Child", "Children"],
    ["axis", "Axis", "Axes"],
    ["Order", "Order", "Orders"],
  ])("inflects %s to the singular %s and the plural %s", (input, pascal, pluralPascal) => {
    const names = entityNames(input);
    expect([names.pascal, names.pluralPascal]).toEqual([pascal, pluralPascal]);
  });

  it("takes an explicit plural instead of the inflection, and the name as written for the singular", () => {
    const canvas = entityNames("Canvas", { plural: "canvases" });
    expect([canvas.pascal, canvas.pluralPascal, canvas.pluralKebab]).toEqual(["Canvas", "Canvases", "canvases"]);
    const person = entityNames("person", { plural: "Persons" });
    expect([person.pascal, person.pluralCamel, person.pluralWords]).toEqual(["Person", "persons", "persons"]);
    const news = entityNames("news", { plural: "news items" });
    expect([news.pascal, news.pluralPascal, news.pluralSnake]).toEqual(["News", "NewsItems", "news_items"]);
  });

  it("keeps a digit with the word before it, whatever the spelling", () => {
    for (const input of ["LineItem2", "line-item-2", "line item 2", "line_item2"]) {
      const names = entityNames(input);
      expect([names.pascal, names.kebab, names.snake, names.pluralCamel]).toEqual(["LineItem2", "line-item2", "line_item2", "lineItem2s"]);
    }
  });

  it("lower-cases acronyms into ordinary words", () => {
    expect(entityNames("HTTPRequest").pascal).toBe("HttpRequest");
    expect(entityNames("HTTPRequest").kebab).toBe("http-request");
  });

  it.each(["Order", "order", "User", "Group", "Select", "Table", "Index", "Key", "Column", "Transaction"])(
    "accepts the SQL keyword %s as an entity name, since Prisma quotes identifiers",
    (input) => {
      expect(() => entityNames(input)).not.toThrow();
    },
  );

  it.each(["1abc", "line--item", "line item ", " line", "Line.Item", "Ünïcode", "line/item", "", "a$b"])(
    "refuses the malformed name %j",
    (input) => {
      expect(refusal(() => entityNames(input))).toBe(
        `Invalid entity name "${input}": start with a letter and use only letters, digits and single spaces, "-" or "_" between words.`,
      );
    },
  );

  it.each([
    ["class", 'Entity name "class" is the reserved word "class" in JavaScript; choose another name.'],
    ["Function", 'Entity name "Function" is the reserved word "function" in JavaScript; choose another name.'],
    ["Type", 'Entity name "Type" is the keyword "type" in TypeScript; choose another name.'],
    ["Date", 'Entity name "Date" would shadow the global "Date" in TypeScript; choose another name.'],
    ["Promise", 'Entity name "Promise" would shadow the global "Promise" in TypeScript; choose another name.'],
    ["PrismaClient", 'Entity name "PrismaClient" is reserved by Prisma as a model name ("PrismaClient"); choose another name.'],
    ["then", 'Entity name "then" is reserved by tRPC as a router key ("then"); choose another name.'],
    ["Metric", 'Entity name "Metric" is taken by the generated platform ("metrics"); choose another name.'],
    ["Health", 'Entity name "Health" is taken by the generated platform ("health"); choose another name.'],
    ["System", 'Entity name "System" is taken by the generated platform ("system"); choose another name.'],
    ["Constructor", 'Entity name "Constructor" is a key that every JavaScript object inherits ("constructor"); choose another name.'],
  ])("refuses the reserved name %s with the reason", (input, message) => {
    expect(refusal(() => entityNames(input))).toBe(message);
  });

  it.each([
    "break", "case", "const", "delete", "enum", "export", "new", "this", "typeof", "void", "interface", "any", "number",
    "string", "boolean", "symbol", "object", "never", "unknown", "undefined", "null", "true", "false", "Error", "Object",
    "Array", "Map", "Set", "Record", "Prisma", "Decimal", "DateTime", "Json", "call", "apply", "createCaller", "platform",
    "ready", "generated", "app", "appRouter",
  ])("refuses the reserved name %s", (input) => {
    expect(refusal(() => entityNames(input))).toMatch(/^Entity name ".+" .+; choose another name\.$/);
  });

  it("refuses a name whose plural is the same word, unless a plural is given", () => {
    expect(refusal(() => entityNames("Sheep"))).toBe(
      'Entity name "Sheep" has the same singular and plural ("sheep"); give a distinct plural explicitly.',
    );
    expect(refusal(() => entityNames("Equipment", { plural: "Equipment" }))).toContain("same singular and plural");
    expect(entityNames("Sheep", { plural: "Flock" }).pluralCamel).toBe("flock");
  });

  it("refuses a malformed explicit plural", () => {
    expect(refusal(() => entityNames("Person", { plural: "1people" }))).toBe(
      'Invalid plural "1people": start with a letter and use only letters, digits and single spaces, "-" or "_" between words.',
    );
  });

  it("refuses a name too long for PostgreSQL once Prisma adds _pkey", () => {
    const longest = "A".repeat(1) + "b".repeat(57);
    expect(entityNames(longest).pascal).toHaveLength(58);
    expect(refusal(() => entityNames(`${longest}c`))).toBe(
      `Entity name "${longest}c" is longer than 58 characters (PostgreSQL keeps 63, and the primary key adds "_pkey"); choose another name.`,
    );
  });
});

describe("relationTargetNames", () => {
  it("finds a model by the singular of the name, as entityNames reads it", () => {
    expect(relationTargetNames("categories", (pascal) => pascal === "Category").pascal).toBe("Category");
    expect(relationTargetNames("billing-address", (pascal) => pascal === "BillingAddress").pascal).toBe("BillingAddress");
  });

  it("finds a model by the name as written when inflection would miss it", () => {
    expect(relationTargetNames("canvas", (pascal) => pascal === "Canvas").pascal).toBe("Canvas");
  });

  it("returns the inflected name when no model matches, for the caller to report", () => {
    expect(relationTargetNames("canvas", () => false).pascal).toBe("Canva");
  });

  it("refuses nothing but malformed names, since an existing model was valid when it was created", () => {
    expect(relationTargetNames("news", (pascal) => pascal === "News").pascal).toBe("News");
    expect(refusal(() => relationTargetNames("1x", () => true))).toContain('Invalid entity name "1x"');
  });
});

describe("fieldNames", () => {
  it.each(["unitPrice", "unit_price", "unit-price", "UnitPrice", "UNIT_PRICE"])("reads %s as unitPrice", (input) => {
    expect(fieldNames(input)).toEqual({ camel: "unitPrice", pascal: "UnitPrice", words: "unit price" });
  });

  it.each(["type", "string", "number", "date", "status", "order", "select", "group"])(
    "accepts %s, which is a keyword only where a field name never goes",
    (input) => {
      expect(fieldNames(input).camel).toBe(input);
    },
  );

  it.each([
    ["id", 'Field name "id" is automatic: every entity has id, createdAt, updatedAt, version; choose another name.'],
    ["created_at", 'Field name "created_at" is automatic: every entity has id, createdAt, updatedAt, version; choose another name.'],
    ["updatedAt", 'Field name "updatedAt" is automatic: every entity has id, createdAt, updatedAt, version; choose another name.'],
    ["version", 'Field name "version" is automatic: every entity has id, createdAt, updatedAt, version; choose another name.'],
    ["class", 'Field name "class" is the reserved word "class" in JavaScript; choose another name.'],
    ["delete", 'Field name "delete" is the reserved word "delete" in JavaScript; choose another name.'],
    ["constructor", 'Field name "constructor" is a key that every JavaScript object inherits ("constructor"); choose another name.'],
    ["2x", 'Invalid field name "2x": start with a letter and use only letters, digits and "-" or "_" between words.'],
    ["unit price", 'Invalid field name "unit price": start with a letter and use only letters, digits and "-" or "_" between words.'],
  ])("refuses %s", (input, message) => {
    expect(refusal(() => fieldNames(input))).toBe(message);
  });

  it("refuses a name longer than PostgreSQL keeps", () => {
    expect(refusal(() => fieldNames("a".repeat(64)))).toContain("is longer than PostgreSQL's limit of 63 characters");
    expect(fieldNames("a".repeat(63)).camel).toHaveLength(63);
  });
});
