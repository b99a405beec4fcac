import { describe, expect, it } from "vitest";
import { buildNewShipment } from "./shipment.builder.js";
import { newShipmentSchema, shipmentUpdateSchema } from "./shipment.js";

describe("a new shipment", () => {
  it("is valid as the builder makes it", () => {
    expect(newShipmentSchema.safeParse(buildNewShipment()).success).toBe(true);
  });

  it("needs an order", () => {
    const { orderId: _omitted, ...rest } = buildNewShipment();
    expect(newShipmentSchema.safeParse(rest).success).toBe(false);
  });

  it("needs a carrier", () => {
    const { carrier: _omitted, ...rest } = buildNewShipment();
    expect(newShipmentSchema.safeParse(rest).success).toBe(false);
  });

  it("refuses an invalid order", () => {
    expect(
      newShipmentSchema.safeParse({ ...buildNewShipment(), orderId: "not-a-uuid" }).success,
    ).toBe(false);
  });

  it("refuses an invalid carrier", () => {
    expect(newShipmentSchema.safeParse({ ...buildNewShipment(), carrier: "" }).success).toBe(false);
  });

  it("refuses an invalid tracking number", () => {
    expect(newShipmentSchema.safeParse({ ...buildNewShipment(), trackingNumber: "" }).success).toBe(
      false,
    );
  });

  it("refuses an invalid status", () => {
    expect(
      newShipmentSchema.safeParse({ ...buildNewShipment(), status: "_NOT_A_VALUE" }).success,
    ).toBe(false);
  });

  it("refuses an invalid shipped at", () => {
    expect(
      newShipmentSchema.safeParse({ ...buildNewShipment(), shippedAt: "yesterday" }).success,
    ).toBe(false);
  });

  it("may have no tracking number", () => {
    expect(
      newShipmentSchema.safeParse({ ...buildNewShipment(), trackingNumber: null }).success,
    ).toBe(true);
  });

  it("may have no shipped at", () => {
    expect(newShipmentSchema.safeParse({ ...buildNewShipment(), shippedAt: null }).success).toBe(
      true,
    );
  });

  it("reads a shipped at written as ISO text", () => {
    const parsed = newShipmentSchema.parse({
      ...buildNewShipment(),
      shippedAt: "2024-01-02T03:04:05.000Z",
    });
    expect(parsed.shippedAt).toEqual(new Date("2024-01-02T03:04:05.000Z"));
  });

  it("gets a default status", () => {
    const { status: _omitted, ...rest } = buildNewShipment();
    expect(newShipmentSchema.parse(rest).status).toBe("PENDING");
  });
});

describe("an update of a shipment", () => {
  it("names the shipment and the version it changes", () => {
    expect(shipmentUpdateSchema.safeParse({ id: crypto.randomUUID(), version: 0 }).success).toBe(
      true,
    );
    expect(shipmentUpdateSchema.safeParse({ id: crypto.randomUUID() }).success).toBe(false);
    expect(shipmentUpdateSchema.safeParse({ id: "not-a-uuid", version: 0 }).success).toBe(false);
  });
});
