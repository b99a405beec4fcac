// The Idempotency-Key of `order.place` under a race: calls that a client sends again and again
// with one key, all at once, place one order, reserve its stock once and charge it once, and every
// one of them answers that order. (A key reused with another input is refused: order-placement.test.ts.)
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseKinds } from "../../../test/support/database.js";
import {
  heldFor,
  ordersOf,
  placeOrder,
  seedCustomer,
  seedProduct,
  shipmentsOf,
  stockOf,
  useOrderApp,
} from "../../../test/support/orders.js";

const racers = 10;

describe.each(databaseKinds)("order.place's Idempotency-Key on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  const fixture = useOrderApp(kind);

  it(`places one order for ${String(racers)} identical calls racing with one key, and answers it to each`, async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5, price: "7.00" });
    const key = randomUUID();
    const input = { customerId, lines: [{ productId: lamp, quantity: 2 }] };

    const answers = await Promise.all(
      Array.from({ length: racers }, () => placeOrder(fixture.app, input, key)),
    );

    const [first] = answers;
    expect(first).toMatchObject({ status: 200, order: { status: "PAID", total: "14.00" } });
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    for (const answer of answers) expect(answer.order).toEqual(first?.order);
    const orderId = first?.order?.id ?? "";
    expect(await ordersOf(fixture.app.database, customerId)).toBe(1);
    expect(await stockOf(fixture.app.database, lamp)).toBe(3);
    expect(await shipmentsOf(fixture.app.database, orderId)).toBe(1);
    const received = await fixture.provider.received();
    expect(received.requests.filter((request) => request.path === "/charges")).toHaveLength(1);
    expect(received.charges).toMatchObject([{ reference: orderId, amount: "14.00" }]);
    expect(heldFor(received, orderId)).toBe(1_400);
  });

  it("refuses a call without the header, naming it, and places nothing", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 5 });

    const answer = await placeOrder(
      fixture.app,
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
    expect(await ordersOf(fixture.app.database, customerId)).toBe(0);
    expect(await stockOf(fixture.app.database, lamp)).toBe(5);
    expect((await fixture.provider.received()).requests).toEqual([]);
  });
});
