import { describe, expect, it } from "vitest";
import {
  changeMigrationDirName,
  dropMigrationDirName,
  emptyMigration,
  renderAlterMigration,
} from "../../../generators/src/entity/evolve/alter-migration.js";
import { databaseColumnOrder } from "../../../generators/src/entity/evolve/column-order.js";
import {
  changeEntityInSchema,
  referencingModels,
  removeEntityFromSchema,
} from "../../../generators/src/entity/evolve/schema-change.js";
import { parseFields, type ParsedField } from "../../../generators/src/entity/fields.js";
import { entityNames, type EntityNames } from "../../../generators/src/entity/naming.js";
import { addEntityToSchema, listModels } from "../../../generators/src/entity/prisma-schema.js";
import { templateSchema } from "../../support/entity-matrix.js";
import { prismaFormat } from "../../support/prisma-format.js";
import { formatterWasmFiles, prismaFormatInProcess } from "../../support/prisma-format-wasm.js";
import { refusal } from "../../support/refusal.js";

const parse = (schema: string, entity: EntityNames, spec: string): ParsedField[] =>
  parseFields(spec, { entity, existingModels: listModels(schema) });

function add(schema: string, name: string, spec: string): string {
  const entity = entityNames(name);
  return addEntityToSchema(schema, entity, parse(schema, entity, spec));
}

function change(schema: string, name: string, before: string, after: string): string {
  const entity = entityNames(name);
  return changeEntityInSchema(schema, entity, parse(schema, entity, before), parse(schema, entity, after));
}

describe("changeEntityInSchema", () => {
  it.each([
    ["adds, removes and alters fields", "name:string note:text? rank:int:index", "rank:int? name:string:unique tone:enum(A,B):default(A) code:string?:index"],
    ["gives fields to a model that had none", "", "name:string tone:enum(A,B)? code:string?:index"],
    ["adds values to an enum", "tone:enum(A,B) name:string", "tone:enum(C,A,B) name:string"],
  ])("writes what creating the entity with the new fields would have written, when it %s", (_name, before, after) => {
    const base = add(templateSchema, "Customer", "name:string");
    expect(change(add(base, "Item", before), "Item", before, after)).toBe(add(base, "Item", after));
  });

  it("leaves the user's own lines, comments and block attributes where they are", () => {
    const before = `${templateSchema}
/// Things we sell.
model Item {
  id        String   @id @default(uuid()) @db.Uuid
  // what people call it
  name      String   @map("item_name") @db.VarChar(255) // shown in lists
  note      String?
  legacy    Int?
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  version   Int      @default(0)

  @@unique([name, legacy])
  @@map("items")
}
`;
    expect(prismaFormatInProcess(before)).toBe(before);
    const after = change(before, "Item", "name:string note:text?", "name:string? note:text? rank:int?:index");
    expect(after).toBe(`${templateSchema}
/// Things we sell.
model Item {
  id        String   @id @default(uuid()) @db.Uuid
  // what people call it
  name      String?  @map("item_name") @db.VarChar(255) // shown in lists
  note      String?
  rank      Int?
  legacy    Int?
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  version   Int      @default(0)

  @@unique([name, legacy])
  @@index([rank])
  @@map("items")
}
`);
    expect(prismaFormatInProcess(after)).toBe(after);
    expect(change(before, "Item", "name:string note:text?", "name:string")).toContain(
      '  name      String   @map("item_name") @db.VarChar(255) // shown in lists\n  legacy    Int?\n',
    );
  });

  it("puts a new enum before the model and rewrites a changed one in place", () => {
    const before = add(add(templateSchema, "Item", "tone:enum(A,B)"), "Other", "");
    const after = change(before, "Item", "tone:enum(A,B)", "tone:enum(A,C,B) mood:enum(Y,X)?");
    expect(after).toContain("enum ItemTone {\n  A\n  C\n  B\n}\n\nenum ItemMood {\n  Y\n  X\n}\n\nmodel Item {");
    expect(prismaFormatInProcess(after)).toBe(after);
  });

  it("renames the other end of a relation in place when a second reference to the same model names it", () => {
    const created = add(add(add(templateSchema, "Customer", "name:string"), "Order", "customer:references"), "Note", "");
    const before = created.replace("  orders    Order[]\n", "  orders    Order[] // most recent first\n");
    const after = change(before, "Order", "customer:references", "customer:references payer:references(Customer)?");
    expect(after).toContain(`  version        Int      @default(0)
  customerOrders Order[]  @relation("OrderCustomer") // most recent first
  payerOrders    Order[]  @relation("OrderPayer")
}`);
    expect(prismaFormatInProcess(after)).toBe(after);
    expect(change(after, "Order", "customer:references payer:references(Customer)?", "customer:references")).toBe(before);
  });

  it("refuses a field whose name the model already gives to another entity's relation", () => {
    const schema = add(add(templateSchema, "Customer", "name:string"), "Order", "customer:references");
    expect(refusal(() => change(schema, "Customer", "name:string", "name:string orders:int?"))).toBe(
      'Field Customer.orders already exists in schema.prisma; "orders:int?" needs the name.',
    );
  });

  it("refuses an entity whose model is not in the schema", () => {
    expect(refusal(() => change(templateSchema, "Item", "", "name:string?"))).toBe("Model Item is not in schema.prisma.");
  });
});

describe("removeEntityFromSchema and referencingModels", () => {
  const schema = add(add(add(add(templateSchema, "Customer", "name:string"), "Order", "customer:references parent:references(Order)?"), "Invoice", "order:references:unique"), "Note", "");

  it("lists the models that reference an entity, not the ones it references or itself", () => {
    expect(referencingModels(schema, entityNames("Customer"))).toEqual(["Order"]);
    expect(referencingModels(schema, entityNames("Order"))).toEqual(["Invoice"]);
    expect(referencingModels(schema, entityNames("Invoice"))).toEqual([]);
  });

  it("refuses to remove an entity that others reference", () => {
    const order = entityNames("Order");
    expect(refusal(() => removeEntityFromSchema(schema, order, parse(schema, order, "customer:references parent:references(Order)?")))).toBe(
      "Cannot destroy Order: Invoice references it. Remove the references to Order from Invoice first.",
    );
  });

  it("removes the model, its doc comments and the other ends of its relations, one blank line between blocks", () => {
    const invoice = entityNames("Invoice");
    const documented = schema.replace("model Invoice {", "/// Bills.\nmodel Invoice {");
    const removed = removeEntityFromSchema(documented, invoice, parse(schema, invoice, "order:references:unique"));
    expect(removed).toBe(add(add(add(templateSchema, "Customer", "name:string"), "Order", "customer:references parent:references(Order)?"), "Note", ""));
  });
});

describe("renderAlterMigration without the engine", () => {
  const item = entityNames("Item");
  const history = ["name:string? rank:int?", "name:string? rank:int? zeta:int? alpha:int?", "name:string rank:int zeta:int alpha:int"].map((spec) =>
    parse(templateSchema, item, spec),
  );

  it("orders ALTER COLUMN clauses by the columns' positions in the table, which the history decides", () => {
    const [, before = [], after = []] = history;
    const sql = renderAlterMigration(item, before, after, { columnOrder: databaseColumnOrder(history.slice(0, 2)) });
    expect(sql).toContain('ALTER COLUMN "name" SET NOT NULL,\nALTER COLUMN "rank" SET NOT NULL,\nALTER COLUMN "alpha" SET NOT NULL,\nALTER COLUMN "zeta" SET NOT NULL;');
    expect(renderAlterMigration(item, before, after)).toContain('"rank" SET NOT NULL,\nALTER COLUMN "zeta" SET NOT NULL,\nALTER COLUMN "alpha"');
  });

  it("writes Prisma's empty migration for a change the database does not see", () => {
    const before = parse(templateSchema, item, "key:uuid price:decimal(5,2):default(1.5)");
    const after = parse(templateSchema, item, "key:uuid:default(uuid) price:decimal(5,2):default(1.50)");
    expect(renderAlterMigration(item, before, after)).toBe(emptyMigration);
  });

  it("names the migration folders as prisma migrate dev --name change_<entity> and drop_<entity> would", () => {
    const date = new Date(Date.UTC(2026, 1, 3, 4, 5, 6, 789));
    expect(changeMigrationDirName(entityNames("LineItem"), date)).toBe("20260203040506_change_line_item");
    expect(dropMigrationDirName(entityNames("LineItem"), date)).toBe("20260203040506_drop_line_item");
  });
});

describe("the in-process formatter the schema tests use", () => {
  it("runs the very WebAssembly the Prisma CLI runs, and writes what prisma format writes", async () => {
    const files = formatterWasmFiles();
    expect(files.package.equals(files.cli)).toBe(true);
    const unformatted = `${templateSchema}\nmodel A {\n  id String @id @db.Uuid\n  name String @db.VarChar(255) @unique\n\n\n  @@index([name])\n  @@map("a")\n}\n`;
    expect(prismaFormatInProcess(unformatted)).toBe(await prismaFormat(unformatted));
  });
});
