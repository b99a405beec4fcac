import { describe, expect, it } from "vitest";
import { buildNewOrder } from "./order.builder.js";
import { newOrderSchema, orderUpdateSchema } from "./order.js";

describe("a new order", () => {
  it("is valid as the builder makes it", () => {
    expect(newOrderSchema.safeParse(buildNewOrder()).success).toBe(true);
  });

  it("needs a customer", () => {
    const { customerId: _omitted, ...rest } = buildNewOrder();
    expect(newOrderSchema.safeParse(rest).success).toBe(false);
  });

  it("refuses an invalid customer", () => {
    expect(newOrderSchema.safeParse({ ...buildNewOrder(), customerId: "not-a-uuid" }).success).toBe(
      false,
    );
  });

  it("refuses an invalid status", () => {
    expect(newOrderSchema.safeParse({ ...buildNewOrder(), status: "_NOT_A_VALUE" }).success).toBe(
      false,
    );
  });

  it("refuses an invalid total", () => {
    expect(newOrderSchema.safeParse({ ...buildNewOrder(), total: "not a number" }).success).toBe(
      false,
    );
  });

  it("refuses an invalid placed at", () => {
    expect(newOrderSchema.safeParse({ ...buildNewOrder(), placedAt: "yesterday" }).success).toBe(
      false,
    );
  });

  it("refuses an invalid notes", () => {
    expect(newOrderSchema.safeParse({ ...buildNewOrder(), notes: "" }).success).toBe(false);
  });

  it("may have no notes", () => {
    expect(newOrderSchema.safeParse({ ...buildNewOrder(), notes: null }).success).toBe(true);
  });

  it("reads a placed at written as ISO text", () => {
    const parsed = newOrderSchema.parse({
      ...buildNewOrder(),
      placedAt: "2024-01-02T03:04:05.000Z",
    });
    expect(parsed.placedAt).toEqual(new Date("2024-01-02T03:04:05.000Z"));
  });

  it("gets a default status", () => {
    const { status: _omitted, ...rest } = buildNewOrder();
    expect(newOrderSchema.parse(rest).status).toBe("PENDING");
  });

  it("gets a default total", () => {
    const { total: _omitted, ...rest } = buildNewOrder();
    expect(newOrderSchema.parse(rest).total).toBe("0.00");
  });

  it("gets a default placed at", () => {
    const { placedAt: _omitted, ...rest } = buildNewOrder();
    expect(newOrderSchema.parse(rest).placedAt).toBeInstanceOf(Date);
  });
});

describe("an update of an order", () => {
  it("names the order and the version it changes", () => {
    expect(orderUpdateSchema.safeParse({ id: crypto.randomUUID(), version: 0 }).success).toBe(true);
    expect(orderUpdateSchema.safeParse({ id: crypto.randomUUID() }).success).toBe(false);
    expect(orderUpdateSchema.safeParse({ id: "not-a-uuid", version: 0 }).success).toBe(false);
  });
});
