// Every point where placing an order can fail, through the app over HTTP: whatever the saga had
// done is undone, so the stock is back, the provider holds no money for the order, no shipment is
// booked, and the order reads FAILED with its reason through `order.get` as well.
import { describe, expect, it } from "vitest";
import { captureLogger } from "../../../test/support/app.js";
import { databaseKinds } from "../../../test/support/database.js";
import {
  getOrder,
  heldFor,
  placeOrder,
  refuseShipments,
  seedCustomer,
  seedProduct,
  shipmentsOf,
  stockOf,
  type Answer,
  useOrderApp,
} from "../../../test/support/orders.js";

const timeoutMs = 300;

describe.each(databaseKinds)("order.place failing on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  const log = captureLogger("warn");
  const fixture = useOrderApp(kind, {
    env: {
      PAYMENT_PROVIDER_TIMEOUT_MS: String(timeoutMs),
      PAYMENT_PROVIDER_RETRY_DELAY_MS: "10",
      PAYMENT_PROVIDER_MAX_RETRIES: "1",
      // The circuit has tests of its own (order-placement.circuit.test.ts); here it stays closed.
      PAYMENT_PROVIDER_BREAKER_FAILURES: "1000",
    },
    logger: log.logger,
  });

  /** The order answered FAILED with `reason`, reads so through `order.get`, and left nothing. */
  async function expectUndone(
    answer: Answer,
    reason: string | RegExp,
    stock: Record<string, number>,
  ): Promise<string> {
    expect(answer.status).toBe(200);
    const orderId = answer.order?.id ?? "";
    expect(answer.order?.status).toBe("FAILED");
    if (typeof reason === "string") expect(answer.order?.failureReason).toBe(reason);
    else expect(answer.order?.failureReason).toMatch(reason);
    expect((await getOrder(fixture.app, orderId)).order).toEqual(answer.order);
    for (const [productId, left] of Object.entries(stock)) {
      expect(await stockOf(fixture.app.database, productId)).toBe(left);
    }
    expect(heldFor(await fixture.provider.received(), orderId)).toBe(0);
    expect(await shipmentsOf(fixture.app.database, orderId)).toBe(0);
    expect(await fixture.app.database.prisma.orderLine.count({ where: { orderId } })).toBe(0);
    return orderId;
  }

  it("fails the order without charging when a product is not for sale, and gives back what it reserved", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    // Lines are reserved in the order of their product ids: the one for sale comes first, so
    // that its stock is taken, then given back.
    const [lamp = "", desk = ""] = [
      await seedProduct(fixture.app.database, { stock: 5 }),
      await seedProduct(fixture.app.database, { stock: 5 }),
    ].sort();
    await fixture.app.database.prisma.product.update({
      where: { id: desk },
      data: { status: "ARCHIVED" },
    });

    const answer = await placeOrder(fixture.app, {
      customerId,
      lines: [
        { productId: lamp, quantity: 2 },
        { productId: desk, quantity: 1 },
      ],
    });

    await expectUndone(answer, `reserve-stock: product ${desk} is not for sale (ARCHIVED)`, {
      [lamp]: 5,
      [desk]: 5,
    });
    // Taken and given back: two writes.
    const { version } = await fixture.app.database.prisma.product.findUniqueOrThrow({
      where: { id: lamp },
    });
    expect(version).toBe(2);
    expect((await fixture.provider.received()).requests).toEqual([]);
  });

  it("fails the order at once when the provider refuses connections: nothing was sent, nothing is charged", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5 });

    await fixture.provider.down();
    let answer: Answer;
    try {
      answer = await placeOrder(fixture.app, {
        customerId,
        lines: [{ productId: lamp, quantity: 2 }],
      });
    } finally {
      await fixture.provider.up();
    }

    await expectUndone(
      answer,
      /^charge-payment: payment-provider could not be reached \(ECONNREFUSED\) \(2 attempts\)$/,
      { [lamp]: 5 },
    );
    expect((await fixture.provider.received()).requests).toEqual([]);
  });

  it("refunds a charge whose answer timed out: asked again under its key, it is found and refunded once", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5, price: "20.00" });
    // The charge is made but its answer comes too late, on the first try and on the retry; the
    // compensation's question under the same key is answered at once.
    await fixture.provider.behave({ slowAnswers: 2, delayMs: timeoutMs * 3 });

    const answer = await placeOrder(fixture.app, {
      customerId,
      lines: [{ productId: lamp, quantity: 2 }],
    });

    const orderId = await expectUndone(
      answer,
      `charge-payment: payment-provider did not answer within ${String(timeoutMs)} ms (2 attempts)`,
      { [lamp]: 5 },
    );
    const received = await fixture.provider.received();
    const charges = received.charges.filter((charge) => charge.reference === orderId);
    expect(charges).toMatchObject([
      { amount: "40.00", idempotencyKey: `${orderId}:charge-payment` },
    ]);
    expect(received.refunds).toMatchObject([{ charge: charges[0]?.id }]);
    // Both tries and the compensation's question asked under the one key.
    expect(
      received.requests
        .filter((request) => request.path === "/charges")
        .map((request) => request.idempotencyKey),
    ).toEqual(Array.from({ length: 3 }, () => `${orderId}:charge-payment`));
  });

  it("refunds the charge and gives the stock back when the shipment cannot be booked, and keeps the database's words for the logs", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5, price: "10.00" });
    const desk = await seedProduct(fixture.app.database, { stock: 3, price: "100.00" });
    const allowShipments = await refuseShipments(fixture.app.database);

    let answer: Answer;
    try {
      answer = await placeOrder(fixture.app, {
        customerId,
        lines: [
          { productId: lamp, quantity: 1 },
          { productId: desk, quantity: 3 },
        ],
      });
    } finally {
      await allowShipments();
    }

    // The database's error would show the client internals (Prisma's text names the server's
    // files): the order says only that an internal error stopped it; the logs say which.
    const orderId = await expectUndone(
      answer,
      "book-shipment: an internal error occurred; the service's logs have its details",
      { [lamp]: 5, [desk]: 3 },
    );
    const logged = log
      .lines()
      .filter((line) => line.id === orderId && line.step === "book-shipment")
      .map((line) => (line.err as { message: string }).message);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((message) => message.includes("the carrier refused the shipment"))).toBe(
      true,
    );
    const received = await fixture.provider.received();
    expect(received.charges).toMatchObject([{ amount: "310.00", reference: orderId }]);
    expect(received.refunds).toMatchObject([{ charge: received.charges[0]?.id }]);
  });
});
