import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../test/support/app.js";
import { databaseKinds } from "../../../test/support/database.js";
import {
  startFakePaymentProvider,
  type FakePaymentProvider,
} from "../../../test/support/fake-payment-provider-control.js";
import {
  heldFor,
  placeOrder,
  seedCustomer,
  seedProduct,
  stockOf,
} from "../../../test/support/orders.js";
import type { App } from "../../app.js";

describe.each(databaseKinds)("order.place on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  let provider: FakePaymentProvider;
  let app: App;

  beforeAll(async () => {
    provider = await startFakePaymentProvider();
    app = await buildApp({
      kind,
      env: {
        PAYMENT_PROVIDER_URL: provider.url,
        PAYMENT_PROVIDER_TIMEOUT_MS: "300",
        PAYMENT_PROVIDER_RETRY_DELAY_MS: "10",
        PAYMENT_PROVIDER_MAX_RETRIES: "1",
      },
    });
  });
  afterEach(async () => {
    await provider.reset();
  });
  afterAll(async () => {
    await app.close();
    await provider.stop();
  });

  it("reserves the stock, charges the total, books the shipment and answers the order PAID", async () => {
    const customerId = await seedCustomer(app.database);
    const lamp = await seedProduct(app.database, { stock: 5, price: "12.50" });
    const desk = await seedProduct(app.database, { stock: 2, price: "100.00" });

    const { status, order } = await placeOrder(app, {
      customerId,
      lines: [
        { productId: lamp, quantity: 2 },
        { productId: desk, quantity: 1 },
      ],
    });

    expect(status).toBe(200);
    expect(order).toMatchObject({ status: "PAID", total: "125.00", failureReason: null });
    const orderId = order?.id ?? "";
    expect([await stockOf(app.database, lamp), await stockOf(app.database, desk)]).toEqual([3, 1]);
    const received = await provider.received();
    expect(received.charges).toMatchObject([
      { amount: "125.00", currency: "EUR", reference: orderId },
    ]);
    expect(heldFor(received, orderId)).toBe(12_500);
    const lines = await app.database.prisma.orderLine.findMany({ where: { orderId } });
    expect(
      lines.map((line) => [line.productId, line.quantity, line.unitPrice.toFixed(2)]).sort(),
    ).toEqual(
      [
        [lamp, 2, "12.50"],
        [desk, 1, "100.00"],
      ].sort(),
    );
    expect(await app.database.prisma.shipment.count({ where: { orderId } })).toBe(1);
    // Finished by its caller: its backstop job is gone, leaving the workers nothing to poll for.
    const jobs = await app.database.prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id" FROM pgboss.job WHERE "singleton_key" = $1`,
      orderId,
    );
    expect(jobs).toEqual([]);
  });

  it("fails the order with its reason and gives the stock back when the payment is declined", async () => {
    const customerId = await seedCustomer(app.database);
    const lamp = await seedProduct(app.database, { stock: 5 });
    await provider.behave({ decline: true });

    const { order } = await placeOrder(app, {
      customerId,
      lines: [{ productId: lamp, quantity: 2 }],
    });

    expect(order).toMatchObject({
      status: "FAILED",
      failureReason: "charge-payment: the payment was declined",
    });
    expect(await stockOf(app.database, lamp)).toBe(5);
    expect(heldFor(await provider.received(), order?.id ?? "")).toBe(0);
  });

  it("fails the order without charging when a product is short", async () => {
    const customerId = await seedCustomer(app.database);
    const lamp = await seedProduct(app.database, { stock: 5 });
    const desk = await seedProduct(app.database, { stock: 1 });

    const { order } = await placeOrder(app, {
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
    expect([await stockOf(app.database, lamp), await stockOf(app.database, desk)]).toEqual([5, 1]);
    expect((await provider.received()).requests).toEqual([]);
  });

  it("answers a repeated Idempotency-Key with the first order, and refuses it with another input", async () => {
    const customerId = await seedCustomer(app.database);
    const lamp = await seedProduct(app.database, { stock: 5 });
    const key = randomUUID();
    const input = { customerId, lines: [{ productId: lamp, quantity: 1 }] };

    const first = await placeOrder(app, input, key);
    const again = await placeOrder(app, input, key);
    const other = await placeOrder(
      app,
      { ...input, lines: [{ productId: lamp, quantity: 2 }] },
      key,
    );

    expect(again.order).toEqual(first.order);
    expect(other).toMatchObject({ status: 409, error: { data: { code: "CONFLICT" } } });
    expect(await stockOf(app.database, lamp)).toBe(4);
    expect((await provider.received()).charges).toHaveLength(1);
  });

  it("answers the first order for its key even once the stored answer is gone, as after a crash", async () => {
    const customerId = await seedCustomer(app.database);
    const lamp = await seedProduct(app.database, { stock: 5 });
    const key = randomUUID();
    const input = { customerId, lines: [{ productId: lamp, quantity: 1 }] };

    const first = await placeOrder(app, input, key);
    // The key's claim or answer lost: its process died before storing it, or it expired.
    await app.database.prisma.idempotencyKey.deleteMany({ where: { key } });
    const again = await placeOrder(app, input, key);
    await app.database.prisma.idempotencyKey.deleteMany({ where: { key } });
    const other = await placeOrder(
      app,
      { ...input, lines: [{ productId: lamp, quantity: 2 }] },
      key,
    );

    expect(again.order).toEqual(first.order);
    expect(other).toMatchObject({ status: 409, error: { data: { code: "CONFLICT" } } });
    expect(await app.database.prisma.order.count({ where: { customerId } })).toBe(1);
    expect(await stockOf(app.database, lamp)).toBe(4);
    expect((await provider.received()).charges).toHaveLength(1);
  });
});
