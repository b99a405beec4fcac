import { describe, expect, it } from "vitest";
import { parseFields } from "../../../generators/src/entity/fields.js";
import { migrationDirName, renderCreateMigration } from "../../../generators/src/entity/migration-sql.js";
import { entityNames } from "../../../generators/src/entity/naming.js";

describe("renderCreateMigration", () => {
  it("writes the enum, the table, its indexes and its foreign keys, in Prisma's order", () => {
    const product = entityNames("Product");
    const fields = parseFields(
      "name:string:unique price:decimal(12,2) stock:int:default(0) description:text? status:enum(DRAFT,ACTIVE,ARCHIVED):default(DRAFT) category:references",
      { entity: product, existingModels: ["Category"] },
    );
    expect(renderCreateMigration(product, fields)).toBe(`-- CreateEnum
CREATE TYPE "ProductStatus" AS ENUM ('DRAFT', 'ACTIVE', 'ARCHIVED');

-- CreateTable
CREATE TABLE "Product" (
    "id" UUID NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "price" DECIMAL(12,2) NOT NULL,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "description" TEXT,
    "status" "ProductStatus" NOT NULL DEFAULT 'DRAFT',
    "categoryId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Product_name_key" ON "Product"("name");

-- CreateIndex
CREATE INDEX "Product_categoryId_idx" ON "Product"("categoryId");

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
`);
  });

  it("quotes SQL keywords as table names and doubles quotes in string defaults", () => {
    const order = entityNames("order");
    const sql = renderCreateMigration(order, parseFields("note:text:default(it's)", { entity: order, existingModels: [] }));
    expect(sql).toContain(`CREATE TABLE "Order" (`);
    expect(sql).toContain(`"note" TEXT NOT NULL DEFAULT 'it''s',`);
  });
});

describe("migrationDirName", () => {
  it("stamps the folder with the UTC time and names it after the entity in snake case", () => {
    const date = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
    expect(migrationDirName(entityNames("LineItem"), date)).toBe("20250102030405_create_line_item");
  });
});
