import { describe, expect, it } from "vitest";
import { parseFields } from "../../../generators/src/entity/fields.js";
import { entityNames } from "../../../generators/src/entity/naming.js";
import { addEntityToSchema, hasModel, listModels, renderModel } from "../../../generators/src/entity/prisma-schema.js";
import { entityCases, templateSchema } from "../../support/entity-matrix.js";
import { prismaFormat } from "../../support/prisma-format.js";
import { refusal } from "../../support/refusal.js";

function add(schema: string, name: string, spec: string): string {
  const entity = entityNames(name);
  return addEntityToSchema(schema, entity, parseFields(spec, { entity, existingModels: listModels(schema) }));
}


const category = `model Category {
  id        String   @id @default(uuid()) @db.Uuid
  name      String   @unique @db.VarChar(255)
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  version   Int      @default(0)
}
`;

describe("renderModel", () => {
  it("writes the enums, then the model with id first and the automatic fields after the user's", () => {
    const product = entityNames("Product");
    const fields = parseFields(
      "name:string:unique price:decimal(12,2) stock:int:default(0) description:text? status:enum(DRAFT,ACTIVE,ARCHIVED):default(DRAFT) category:references",
      { entity: product, existingModels: ["Category"] },
    );
    expect(renderModel(product, fields)).toBe(`enum ProductStatus {
  DRAFT
  ACTIVE
  ARCHIVED
}

model Product {
  id          String        @id @default(uuid()) @db.Uuid
  name        String        @unique @db.VarChar(255)
  price       Decimal       @db.Decimal(12, 2)
  stock       Int           @default(0)
  description String?
  status      ProductStatus @default(DRAFT)
  category    Category      @relation(fields: [categoryId], references: [id], onDelete: Restrict)
  categoryId  String        @db.Uuid
  createdAt   DateTime      @default(now())
  updatedAt   DateTime      @updatedAt
  version     Int           @default(0)

  @@index([categoryId])
}
`);
  });

  it("writes a model without user fields", () => {
    expect(renderModel(entityNames("Tag"), [])).toBe(`model Tag {
  id        String   @id @default(uuid()) @db.Uuid
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  version   Int      @default(0)
}
`);
  });

  it("orders attributes as prisma format does and indexes plain and foreign-key columns in field order", () => {
    const item = entityNames("Item");
    const fields = parseFields(
      "code:string:unique:default(X1) rank:int:index at:date?:default(now) key:uuid:default(uuid):unique owner:references(Customer)?:unique",
      { entity: item, existingModels: ["Customer"] },
    );
    expect(renderModel(item, fields)).toBe(`model Item {
  id        String    @id @default(uuid()) @db.Uuid
  code      String    @unique @default("X1") @db.VarChar(255)
  rank      Int
  at        DateTime? @default(now()) @db.Date
  key       String    @unique @default(uuid()) @db.Uuid
  owner     Customer? @relation(fields: [ownerId], references: [id], onDelete: Restrict)
  ownerId   String?   @unique @db.Uuid
  createdAt DateTime  @default(now())
  updatedAt DateTime  @updatedAt
  version   Int       @default(0)

  @@index([rank])
}
`);
  });

  it("puts a self-reference's other end in the model itself, after the automatic fields", () => {
    const node = entityNames("Node");
    const fields = parseFields("parent:references(Node)? twin:references(Node)?:unique", { entity: node, existingModels: [] });
    expect(renderModel(node, fields)).toBe(`model Node {
  id          String   @id @default(uuid()) @db.Uuid
  parent      Node?    @relation("NodeParent", fields: [parentId], references: [id], onDelete: Restrict)
  parentId    String?  @db.Uuid
  twin        Node?    @relation("NodeTwin", fields: [twinId], references: [id], onDelete: Restrict)
  twinId      String?  @unique @db.Uuid
  createdAt   DateTime @default(now())
  updatedAt   DateTime @updatedAt
  version     Int      @default(0)
  parentNodes Node[]   @relation("NodeParent")
  twinNode    Node?    @relation("NodeTwin")

  @@index([parentId])
}
`);
  });
});

describe("addEntityToSchema", () => {
  it("appends the model after one blank line and ends the file with one newline", () => {
    const schema = add(`${templateSchema}\n\n`, "Category", "name:string:unique");
    expect(schema).toBe(`${templateSchema}\n${category}`);
  });

  it("adds the other end of a relation after the target's last field, before its block attributes, realigned", () => {
    const schema = add(add(add(templateSchema, "Category", "name:string:unique"), "Customer", "parent:references(Category)"), "Product", "category:references");
    expect(schema).toContain(`model Category {
  id        String     @id @default(uuid()) @db.Uuid
  name      String     @unique @db.VarChar(255)
  createdAt DateTime   @default(now())
  updatedAt DateTime   @updatedAt
  version   Int        @default(0)
  customers Customer[]
  products  Product[]
}`);
    const withOrder = add(schema, "Order", "customer:references:unique");
    expect(withOrder).toContain(`  version   Int      @default(0)
  order     Order?

  @@index([parentId])
}`);
  });

  it("adds named back-relations when one target is referenced twice", () => {
    const schema = add(add(templateSchema, "Customer", ""), "Shipment", "origin:references(Customer) destination:references(Customer)?");
    expect(schema).toContain(`  version              Int        @default(0)
  originShipments      Shipment[] @relation("ShipmentOrigin")
  destinationShipments Shipment[] @relation("ShipmentDestination")
}`);
  });

  it("leaves the rest of the file as it was", () => {
    const before = `${templateSchema}\n// hand-written\n${category}`;
    const after = add(before, "Product", "name:string");
    expect(after.startsWith(`${templateSchema}\n// hand-written\nmodel Category {`)).toBe(true);
    expect(after.split("model Product {")[0]).toBe(`${before}\n`);
  });

  it("refuses an entity whose model is already in the schema", () => {
    expect(refusal(() => add(`${templateSchema}\n${category}`, "categories", "name:string"))).toBe("Model Category already exists in schema.prisma.");
  });

  it("refuses an enum that is already in the schema, and a model named like an enum", () => {
    const schema = `${templateSchema}\nenum ProductStatus {\n  A\n}\n`;
    expect(refusal(() => add(schema, "Product", "status:enum(A,B)"))).toBe(
      'Enum ProductStatus for "status:enum(A,B)" already exists in schema.prisma.',
    );
    expect(refusal(() => add(schema, "ProductStatus", ""))).toBe(
      "Enum ProductStatus already exists in schema.prisma; a model cannot take its name.",
    );
  });

  it("refuses a relation whose other end would take an existing field of the target", () => {
    const schema = add(templateSchema, "Customer", "products:int");
    expect(refusal(() => add(schema, "Product", "customer:references"))).toBe(
      'Field Customer.products already exists in schema.prisma; "customer:references" needs it for the other end of the relation.',
    );
  });

  it("refuses a relation to a model that is not in the schema", () => {
    const product = entityNames("Product");
    const fields = parseFields("category:references", { entity: product, existingModels: ["Category"] });
    expect(refusal(() => addEntityToSchema(templateSchema, product, fields))).toBe(
      'Model Category for "category:references" is not in schema.prisma.',
    );
  });
});

describe("listModels and hasModel", () => {
  const schema = `${templateSchema}
model Customer {
  id String @id
}

enum Role {
  ADMIN
}

// model Ghost {
model  LineItem{
  id String @id
}
`;

  it("lists the models in file order, without enums or commented-out blocks", () => {
    expect(listModels(schema)).toEqual(["Customer", "LineItem"]);
    expect(listModels(templateSchema)).toEqual([]);
  });

  it("finds a model by its exact name", () => {
    expect(hasModel(schema, "LineItem")).toBe(true);
    expect(hasModel(schema, "lineItem")).toBe(false);
    expect(hasModel(schema, "Role")).toBe(false);
    expect(hasModel(schema, "Ghost")).toBe(false);
  });
});

describe("the schema after prisma format", () => {
  it("is unchanged after every kind of entity has been added", async () => {
    const schema = entityCases().at(-1)?.after ?? "";
    expect(schema).toContain("model Bare {");
    expect(await prismaFormat(schema)).toBe(schema);
  });

  it("is unchanged when a relation is added to a hand-written, formatted model", async () => {
    const handWritten = `${templateSchema}
/// People who buy.
model Customer {
  id    String @id @default(uuid()) @db.Uuid
  // contact details
  email String @unique // stored lower-cased
  name  String @default("a b")

  legacyCode Int?

  @@unique([name, legacyCode])
  @@map("customers")
}
`;
    expect(await prismaFormat(handWritten)).toBe(handWritten);
    const schema = add(handWritten, "Order", "customer:references note:text?");
    expect(schema).toContain(`  legacyCode Int?
  orders     Order[]

  @@unique`);
    expect(await prismaFormat(schema)).toBe(schema);
  });
});
