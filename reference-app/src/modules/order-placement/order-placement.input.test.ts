// What `order.place` refuses before it records anything (an unknown customer or product, lines
// that make no sense), and how it fails an order on a service started without a payment provider.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../test/support/app.js";
import { databaseKinds } from "../../../test/support/database.js";
import {
  startFakePaymentProvider,
  type FakePaymentProvider,
} from "../../../test/support/fake-payment-provider-control.js";
import {
  getOrder,
  health,
  ordersOf,
  placeOrder,
  seedCustomer,
  seedProduct,
  shipmentsOf,
  stockOf,
  type PlaceOrderCall,
} from "../../../test/support/orders.js";
import type { App } from "../../app.js";

describe.each(databaseKinds)("order.place on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }

  describe("refusing bad input", () => {
    let provider: FakePaymentProvider;
    let app: App;

    beforeAll(async () => {
      provider = await startFakePaymentProvider();
      app = await buildApp({ kind, env: { PAYMENT_PROVIDER_URL: provider.url } });
    });
    afterAll(async () => {
      await app.close();
      await provider.stop();
    });

    /** Places `input`, and checks that it recorded, reserved and charged nothing. */
    async function refused(input: PlaceOrderCall, stock: Record<string, number> = {}) {
      const before = await app.database.prisma.order.count();
      const answer = await placeOrder(app, input);
      expect(await app.database.prisma.order.count()).toBe(before);
      for (const [productId, left] of Object.entries(stock)) {
        expect(await stockOf(app.database, productId)).toBe(left);
      }
      expect((await provider.received()).requests).toEqual([]);
      return answer;
    }

    it("answers NOT_FOUND for an unknown customer", async () => {
      const lamp = await seedProduct(app.database, { stock: 5 });
      const customerId = randomUUID();

      const answer = await refused(
        { customerId, lines: [{ productId: lamp, quantity: 1 }] },
        {
          [lamp]: 5,
        },
      );

      expect(answer).toMatchObject({
        status: 404,
        error: { message: `Customer ${customerId} was not found`, data: { code: "NOT_FOUND" } },
      });
    });

    it("answers NOT_FOUND for an unknown product", async () => {
      const customerId = await seedCustomer(app.database);
      const lamp = await seedProduct(app.database, { stock: 5 });
      const unknown = randomUUID();

      const answer = await refused(
        {
          customerId,
          lines: [
            { productId: lamp, quantity: 1 },
            { productId: unknown, quantity: 1 },
          ],
        },
        { [lamp]: 5 },
      );

      expect(answer).toMatchObject({
        status: 404,
        error: { message: `Product ${unknown} was not found`, data: { code: "NOT_FOUND" } },
      });
      expect(await ordersOf(app.database, customerId)).toBe(0);
    });

    it.each([
      {
        what: "names a product twice",
        lines: (id: string) => [
          { productId: id, quantity: 1 },
          { productId: id, quantity: 2 },
        ],
        says: "must name each product once",
      },
      {
        what: "orders a quantity of 0",
        lines: (id: string) => [{ productId: id, quantity: 0 }],
        says: "Too small: expected number to be >=1",
      },
      {
        what: "has no lines",
        lines: () => [],
        says: "Too small: expected array to have >=1 items",
      },
    ])("answers BAD_REQUEST for an order that $what", async ({ lines, says }) => {
      const customerId = await seedCustomer(app.database);
      const lamp = await seedProduct(app.database, { stock: 5 });

      const answer = await refused({ customerId, lines: lines(lamp) }, { [lamp]: 5 });

      expect(answer).toMatchObject({
        status: 400,
        error: { data: { code: "BAD_REQUEST", zodError: { fieldErrors: { lines: [says] } } } },
      });
      expect(await ordersOf(app.database, customerId)).toBe(0);
    });
  });

  describe("without a payment provider configured", () => {
    let app: App;

    beforeAll(async () => {
      app = await buildApp({ kind });
    });
    afterAll(async () => {
      await app.close();
    });

    it("fails the order with a reason that names PAYMENT_PROVIDER_URL, and gives the stock back", async () => {
      const customerId = await seedCustomer(app.database);
      const lamp = await seedProduct(app.database, { stock: 5 });

      const { status, order } = await placeOrder(app, {
        customerId,
        lines: [{ productId: lamp, quantity: 2 }],
      });

      expect(status).toBe(200);
      expect(order).toMatchObject({
        status: "FAILED",
        failureReason:
          "charge-payment: No payment provider is configured (set PAYMENT_PROVIDER_URL)",
      });
      expect((await getOrder(app, order?.id ?? "")).order).toEqual(order);
      expect(await stockOf(app.database, lamp)).toBe(5);
      expect(await shipmentsOf(app.database, order?.id ?? "")).toBe(0);
      // Without a provider there is no circuit to report: the service is healthy.
      const { code, status: healthStatus, checks } = await health(app);
      expect({ code, healthStatus }).toEqual({ code: 200, healthStatus: "ok" });
      expect(checks).not.toHaveProperty("payment-provider");
    });
  });
});
