import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseKinds } from "../../../test/support/database.js";
import {
  heldFor,
  placeOrder,
  seedCustomer,
  seedProduct,
  stockOf,
  useOrderApp,
} from "../../../test/support/orders.js";

describe.each(databaseKinds)("order.place on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  const fixture = useOrderApp(kind, {
    env: {
      PAYMENT_PROVIDER_TIMEOUT_MS: "300",
      PAYMENT_PROVIDER_RETRY_DELAY_MS: "10",
      PAYMENT_PROVIDER_MAX_RETRIES: "1",
    },
  });

  it("reserves the stock, charges the total, books the shipment and answers the order PAID", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5, price: "12.50" });
    const desk = await seedProduct(fixture.app.database, { stock: 2, price: "100.00" });

    const { status, order } = await placeOrder(fixture.app, {
      customerId,
      lines: [
        { productId: lamp, quantity: 2 },
        { productId: desk, quantity: 1 },
      ],
    });

    expect(status).toBe(200);
    expect(order).toMatchObject({ status: "PAID", total: "125.00", failureReason: null });
    const orderId = order?.id ?? "";
    expect([
      await stockOf(fixture.app.database, lamp),
      await stockOf(fixture.app.database, desk),
    ]).toEqual([3, 1]);
    const received = await fixture.provider.received();
    expect(received.charges).toMatchObject([
      { amount: "125.00", currency: "EUR", reference: orderId },
    ]);
    expect(heldFor(received, orderId)).toBe(12_500);
    const lines = await fixture.app.database.prisma.orderLine.findMany({ where: { orderId } });
    expect(
      lines.map((line) => [line.productId, line.quantity, line.unitPrice.toFixed(2)]).sort(),
    ).toEqual(
      [
        [lamp, 2, "12.50"],
        [desk, 1, "100.00"],
      ].sort(),
    );
    expect(await fixture.app.database.prisma.shipment.count({ where: { orderId } })).toBe(1);
    // Finished by its caller: its backstop job is gone, leaving the workers nothing to poll for.
    const jobs = await fixture.app.database.prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id" FROM pgboss.job WHERE "singleton_key" = $1`,
      orderId,
    );
    expect(jobs).toEqual([]);
  });

  it("fails the order with its reason and gives the stock back when the payment is declined", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5 });
    await fixture.provider.behave({ decline: true });

    const { order } = await placeOrder(fixture.app, {
      customerId,
      lines: [{ productId: lamp, quantity: 2 }],
    });

    expect(order).toMatchObject({
      status: "FAILED",
      failureReason: "charge-payment: the payment was declined",
    });
    expect(await stockOf(fixture.app.database, lamp)).toBe(5);
    expect(heldFor(await fixture.provider.received(), order?.id ?? "")).toBe(0);
  });

  it("fails the order without charging when a product is short", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5 });
    const desk = await seedProduct(fixture.app.database, { stock: 1 });

    const { order } = await placeOrder(fixture.app, {
      customerId,
      lines: [
        { productId: lamp, quantity: 2 },
        { productId: desk, quantity: 3 },
      ],
    });

    expect(order?.status).toBe("FAILED");
    expect(order?.failureReason).toBe(
      `reserve-stock: not enough stock of product ${desk}: 3 ordered, 1 left`,
    );
    expect([
      await stockOf(fixture.app.database, lamp),
      await stockOf(fixture.app.database, desk),
    ]).toEqual([5, 1]);
    expect((await fixture.provider.received()).requests).toEqual([]);
  });

  it("answers a repeated Idempotency-Key with the first order, and refuses it with another input", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5 });
    const key = randomUUID();
    const input = { customerId, lines: [{ productId: lamp, quantity: 1 }] };

    const first = await placeOrder(fixture.app, input, key);
    const again = await placeOrder(fixture.app, input, key);
    const other = await placeOrder(
      fixture.app,
      { ...input, lines: [{ productId: lamp, quantity: 2 }] },
      key,
    );

    expect(again.order).toEqual(first.order);
    expect(other).toMatchObject({ status: 409, error: { data: { code: "CONFLICT" } } });
    expect(await stockOf(fixture.app.database, lamp)).toBe(4);
    expect((await fixture.provider.received()).charges).toHaveLength(1);
  });

  it("answers the first order for its key even once the stored answer is gone, as after a crash", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5 });
    const key = randomUUID();
    const input = { customerId, lines: [{ productId: lamp, quantity: 1 }] };

    const first = await placeOrder(fixture.app, input, key);
    // The key's claim or answer lost: its process died before storing it, or it expired.
    await fixture.app.database.prisma.idempotencyKey.deleteMany({ where: { key } });
    const again = await placeOrder(fixture.app, input, key);
    await fixture.app.database.prisma.idempotencyKey.deleteMany({ where: { key } });
    const other = await placeOrder(
      fixture.app,
      { ...input, lines: [{ productId: lamp, quantity: 2 }] },
      key,
    );

    expect(again.order).toEqual(first.order);
    expect(other).toMatchObject({ status: 409, error: { data: { code: "CONFLICT" } } });
    expect(await fixture.app.database.prisma.order.count({ where: { customerId } })).toBe(1);
    expect(await stockOf(fixture.app.database, lamp)).toBe(4);
    expect((await fixture.provider.received()).charges).toHaveLength(1);
  });
});
