// Backpressure of the inventory actor, seen from orders: while a product's reservation is in
// progress and its mailbox is full, one more order for it is refused at once with
// TOO_MANY_REQUESTS (HTTP 429), before anything is recorded; the orders that were let in are
// placed once the reservation moves on.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../test/support/app.js";
import { databaseKinds } from "../../../test/support/database.js";
import {
  startFakePaymentProvider,
  type FakePaymentProvider,
} from "../../../test/support/fake-payment-provider-control.js";
import {
  metric,
  ordersOf,
  placeOrder,
  seedCustomer,
  seedProduct,
  stockOf,
} from "../../../test/support/orders.js";
import type { App } from "../../app.js";

const mailboxSize = 2;
const waiting = 'actor_mailbox_waiting{actor="inventory"}';

/** Resolves once `condition` holds; rejects, naming `what`, when it still does not after 10 s. */
async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await sleep(20);
  }
}

describe.each(databaseKinds)("the inventory mailbox of order.place on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  let provider: FakePaymentProvider;

  beforeAll(async () => {
    provider = await startFakePaymentProvider();
  });
  afterAll(async () => {
    await provider.stop();
  });

  describe(`of size ${String(mailboxSize)}`, () => {
    let app: App;

    beforeAll(async () => {
      app = await buildApp({
        kind,
        env: {
          PAYMENT_PROVIDER_URL: provider.url,
          INVENTORY_MAILBOX_SIZE: String(mailboxSize),
          // The orders let in wait for the held reservation; they answer once it is let go.
          ORDER_PLACE_WAIT_MS: "15000",
        },
      });
    });
    afterAll(async () => {
      await app.close();
    });

    // Holding a reservation in progress takes a lock from a second connection: the product's row,
    // locked FOR UPDATE, stops the reservation's conditional update. PGlite has a single
    // connection, so whatever holds it there holds every query of the service, the refusal
    // included: no honest way to keep just the actor busy.
    it.skipIf(kind === "pglite")(
      "refuses one order more than the mailbox holds with 429 at once, and records nothing for it",
      async () => {
        const customerId = await seedCustomer(app.database);
        const latecomer = await seedCustomer(app.database);
        const lamp = await seedProduct(app.database, { stock: 10 });
        const { connection } = app.database;
        if (connection.kind !== "postgres") throw new Error("needs PostgreSQL");
        const lock = new pg.Client({ connectionString: connection.url });
        await lock.connect();
        let held: ReturnType<typeof placeOrder>[];
        try {
          await lock.query("BEGIN");
          await lock.query(`SELECT 1 FROM "Product" WHERE "id" = $1 FOR UPDATE`, [lamp]);
          // One reservation in progress, held by the lock, and the mailbox full behind it.
          held = Array.from({ length: mailboxSize + 1 }, () =>
            placeOrder(app, { customerId, lines: [{ productId: lamp, quantity: 1 }] }),
          );
          await until(
            `${String(mailboxSize)} reservations wait`,
            async () => (await metric(app, waiting)) === mailboxSize,
          );

          const started = performance.now();
          const refused = await placeOrder(app, {
            customerId: latecomer,
            lines: [{ productId: lamp, quantity: 1 }],
          });
          const tookMs = performance.now() - started;
          console.log(
            `order.place on ${kind}: a full mailbox answered 429 in ${tookMs.toFixed(1)} ms`,
          );

          expect(refused).toMatchObject({
            status: 429,
            error: {
              message: "Too many orders wait for one of these products; try again later",
              data: { code: "TOO_MANY_REQUESTS" },
            },
          });
          expect(await ordersOf(app.database, latecomer)).toBe(0);
          expect(await metric(app, waiting)).toBe(mailboxSize);
        } finally {
          await lock.query("COMMIT").finally(() => lock.end());
        }

        const answers = await Promise.all(held);
        expect(answers.map((answer) => answer.order?.status)).toEqual(held.map(() => "PAID"));
        expect(await ordersOf(app.database, customerId)).toBe(mailboxSize + 1);
        expect(await stockOf(app.database, lamp)).toBe(10 - (mailboxSize + 1));
        expect(await metric(app, waiting)).toBe(0);
      },
    );
  });

  describe("of size 0", () => {
    let app: App;

    beforeAll(async () => {
      app = await buildApp({
        kind,
        env: { PAYMENT_PROVIDER_URL: provider.url, INVENTORY_MAILBOX_SIZE: "0" },
      });
    });
    afterAll(async () => {
      await app.close();
    });

    it("places an order for a product nobody else is reserving: no reservation has to wait", async () => {
      const customerId = await seedCustomer(app.database);
      const lamp = await seedProduct(app.database, { stock: 3 });

      const { status, order } = await placeOrder(app, {
        customerId,
        lines: [{ productId: lamp, quantity: 1 }],
      });

      expect(status).toBe(200);
      expect(order?.status).toBe("PAID");
      expect(await stockOf(app.database, lamp)).toBe(2);
    });
  });
});
