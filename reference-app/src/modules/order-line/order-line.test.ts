import { describe, expect, it } from "vitest";
import { buildNewOrderLine } from "./order-line.builder.js";
import { newOrderLineSchema, orderLineUpdateSchema } from "./order-line.js";

describe("a new order line", () => {
  it("is valid as the builder makes it", () => {
    expect(newOrderLineSchema.safeParse(buildNewOrderLine()).success).toBe(true);
  });

  it("needs an order", () => {
    const { orderId: _omitted, ...rest } = buildNewOrderLine();
    expect(newOrderLineSchema.safeParse(rest).success).toBe(false);
  });

  it("needs a product", () => {
    const { productId: _omitted, ...rest } = buildNewOrderLine();
    expect(newOrderLineSchema.safeParse(rest).success).toBe(false);
  });

  it("needs a quantity", () => {
    const { quantity: _omitted, ...rest } = buildNewOrderLine();
    expect(newOrderLineSchema.safeParse(rest).success).toBe(false);
  });

  it("needs an unit price", () => {
    const { unitPrice: _omitted, ...rest } = buildNewOrderLine();
    expect(newOrderLineSchema.safeParse(rest).success).toBe(false);
  });

  it("refuses an invalid order", () => {
    expect(
      newOrderLineSchema.safeParse({ ...buildNewOrderLine(), orderId: "not-a-uuid" }).success,
    ).toBe(false);
  });

  it("refuses an invalid product", () => {
    expect(
      newOrderLineSchema.safeParse({ ...buildNewOrderLine(), productId: "not-a-uuid" }).success,
    ).toBe(false);
  });

  it("refuses an invalid quantity", () => {
    expect(newOrderLineSchema.safeParse({ ...buildNewOrderLine(), quantity: 1.5 }).success).toBe(
      false,
    );
  });

  it("refuses an invalid unit price", () => {
    expect(
      newOrderLineSchema.safeParse({ ...buildNewOrderLine(), unitPrice: "not a number" }).success,
    ).toBe(false);
  });
});

describe("an update of an order line", () => {
  it("names the order line and the version it changes", () => {
    expect(orderLineUpdateSchema.safeParse({ id: crypto.randomUUID(), version: 0 }).success).toBe(
      true,
    );
    expect(orderLineUpdateSchema.safeParse({ id: crypto.randomUUID() }).success).toBe(false);
    expect(orderLineUpdateSchema.safeParse({ id: "not-a-uuid", version: 0 }).success).toBe(false);
  });
});
