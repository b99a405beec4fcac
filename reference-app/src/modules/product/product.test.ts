import { describe, expect, it } from "vitest";
import { buildNewProduct } from "./product.builder.js";
import { newProductSchema, productUpdateSchema } from "./product.js";

describe("a new product", () => {
  it("is valid as the builder makes it", () => {
    expect(newProductSchema.safeParse(buildNewProduct()).success).toBe(true);
  });

  it("needs a sku", () => {
    const { sku: _omitted, ...rest } = buildNewProduct();
    expect(newProductSchema.safeParse(rest).success).toBe(false);
  });

  it("needs a name", () => {
    const { name: _omitted, ...rest } = buildNewProduct();
    expect(newProductSchema.safeParse(rest).success).toBe(false);
  });

  it("needs a price", () => {
    const { price: _omitted, ...rest } = buildNewProduct();
    expect(newProductSchema.safeParse(rest).success).toBe(false);
  });

  it("refuses an invalid sku", () => {
    expect(newProductSchema.safeParse({ ...buildNewProduct(), sku: "" }).success).toBe(false);
  });

  it("refuses an invalid name", () => {
    expect(newProductSchema.safeParse({ ...buildNewProduct(), name: "" }).success).toBe(false);
  });

  it("refuses an invalid description", () => {
    expect(newProductSchema.safeParse({ ...buildNewProduct(), description: "" }).success).toBe(
      false,
    );
  });

  it("refuses an invalid price", () => {
    expect(
      newProductSchema.safeParse({ ...buildNewProduct(), price: "not a number" }).success,
    ).toBe(false);
  });

  it("refuses an invalid stock", () => {
    expect(newProductSchema.safeParse({ ...buildNewProduct(), stock: 1.5 }).success).toBe(false);
  });

  it("refuses an invalid status", () => {
    expect(
      newProductSchema.safeParse({ ...buildNewProduct(), status: "_NOT_A_VALUE" }).success,
    ).toBe(false);
  });

  it("may have no description", () => {
    expect(newProductSchema.safeParse({ ...buildNewProduct(), description: null }).success).toBe(
      true,
    );
  });

  it("gets a default stock", () => {
    const { stock: _omitted, ...rest } = buildNewProduct();
    expect(newProductSchema.parse(rest).stock).toBe(0);
  });

  it("gets a default status", () => {
    const { status: _omitted, ...rest } = buildNewProduct();
    expect(newProductSchema.parse(rest).status).toBe("DRAFT");
  });
});

describe("an update of a product", () => {
  it("names the product and the version it changes", () => {
    expect(productUpdateSchema.safeParse({ id: crypto.randomUUID(), version: 0 }).success).toBe(
      true,
    );
    expect(productUpdateSchema.safeParse({ id: crypto.randomUUID() }).success).toBe(false);
    expect(productUpdateSchema.safeParse({ id: "not-a-uuid", version: 0 }).success).toBe(false);
  });
});
