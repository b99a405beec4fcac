// The Idempotency-Key of `order.place` under a race: calls that a client sends again and again
// with one key, all at once, place one order, reserve its stock once and charge it once, and every
// one of them answers that order. (A key reused with another input is refused: order-placement.test.ts.)
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
  ordersOf,
  placeOrder,
  seedCustomer,
  seedProduct,
  shipmentsOf,
  stockOf,
} from "../../../test/support/orders.js";
import type { App } from "../../app.js";

const racers = 10;

describe.each(databaseKinds)("order.place's Idempotency-Key on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  let provider: FakePaymentProvider;
  let app: App;

  beforeAll(async () => {
    provider = await startFakePaymentProvider();
    app = await buildApp({ kind, env: { PAYMENT_PROVIDER_URL: provider.url } });
  });
  afterEach(async () => {
    await provider.reset();
  });
  afterAll(async () => {
    await app.close();
    await provider.stop();
  });

  it(`places one order for ${String(racers)} identical calls racing with one key, and answers it to each`, async () => {
    const customerId = await seedCustomer(app.database);
    const lamp = await seedProduct(app.database, { stock: 5, price: "7.00" });
    const key = randomUUID();
    const input = { customerId, lines: [{ productId: lamp, quantity: 2 }] };

    const answers = await Promise.all(
      Array.from({ length: racers }, () => placeOrder(app, input, key)),
    );

    const [first] = answers;
    expect(first).toMatchObject({ status: 200, order: { status: "PAID", total: "14.00" } });
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    for (const answer of answers) expect(answer.order).toEqual(first?.order);
    const orderId = first?.order?.id ?? "";
    expect(await ordersOf(app.database, customerId)).toBe(1);
    expect(await stockOf(app.database, lamp)).toBe(3);
    expect(await shipmentsOf(app.database, orderId)).toBe(1);
    const received = await provider.received();
    expect(received.requests.filter((request) => request.path === "/charges")).toHaveLength(1);
    expect(received.charges).toMatchObject([{ reference: orderId, amount: "14.00" }]);
    expect(heldFor(received, orderId)).toBe(1_400);
  });

  it("refuses a call without the header, naming it, and places nothing", async () => {
    const customerId = await seedCustomer(app.database);
    const lamp = await seedProduct(app.database, { stock: 5 });

    const answer = await placeOrder(
      app,
      { customerId, lines: [{ productId: lamp, quantity: 1 }] },
      null,
    );

    expect(answer).toMatchObject({
      status: 400,
      error: {
        message: "order.place needs an Idempotency-Key header",
        data: { code: "BAD_REQUEST" },
      },
    });
    expect(await ordersOf(app.database, customerId)).toBe(0);
    expect(await stockOf(app.database, lamp)).toBe(5);
    expect((await provider.received()).requests).toEqual([]);
  });
});
