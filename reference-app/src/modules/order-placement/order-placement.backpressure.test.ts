// Backpressure of the inventory actor, seen from orders: while a product's reservation is in
// progress and its mailbox is full, one more order for it is refused at once with
// TOO_MANY_REQUESTS (HTTP 429), before anything is recorded; the orders that were let in are
// placed once the reservation moves on.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, buildServices } from "../../../test/support/app.js";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
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
import { AppError } from "../../platform/errors.js";
import { createLogger } from "../../platform/logger.js";
import { createKeyedActor } from "../../platform/mailbox.js";
import { createSagaEngine } from "../../platform/saga/saga-engine.js";
import type { PaymentProvider } from "../payment/payment-provider.js";
import { createInventory } from "./order-placement.inventory.js";
import type { OrderPlacementRepository } from "./order-placement.repository.js";
import { createOrderPlacementPrismaRepository } from "./order-placement.repository.prisma.js";
import { placeOrderSaga } from "./order-placement.saga.js";
import { createOrderPlacementService } from "./order-placement.service.js";

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
    // included; on PGlite the test below holds the reservation in the service itself instead.
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

  describe("with a reservation held before it reaches the database", () => {
    it(`refuses one order more than ${String(mailboxSize)} waiting with TOO_MANY_REQUESTS at once`, async () => {
      const database = await testDatabase(kind);
      const customerId = await seedCustomer(database);
      const latecomer = await seedCustomer(database);
      const lamp = await seedProduct(database, { stock: 10 });
      // The real pieces of order placement, but a repository whose reservations wait for `let go`
      // before they start: the actor stays busy while the database stays free to answer.
      const prisma = createOrderPlacementPrismaRepository(database.prisma);
      let letGo = (): void => undefined;
      const held = new Promise<void>((resolve) => (letGo = resolve));
      const repository: OrderPlacementRepository = {
        ...prisma,
        reserveLine: async (orderId, line, fence) => {
          await held;
          return prisma.reserveLine(orderId, line, fence);
        },
      };
      const actor = createKeyedActor({ name: "inventory", mailboxSize });
      const inventory = createInventory({ repository, actor });
      const payments: PaymentProvider = {
        charge: ({ reference }) => Promise.resolve({ id: `ch_${reference}` }),
        refund: ({ chargeId }) => Promise.resolve({ id: `re_${chargeId}` }),
      };
      const saga = placeOrderSaga({
        repository,
        inventory,
        payments,
        currency: "EUR",
        carrier: "standard",
      });
      const logger = createLogger({ logLevel: "silent" });
      const sagas = createSagaEngine({ database, logger, sagas: [saga] });
      await sagas.worker.start();
      try {
        const service = createOrderPlacementService({
          repository,
          orders: buildServices(database).order,
          inventory,
          sagas,
          saga,
          logger,
          waitMs: 15_000,
        });
        const line = { productId: lamp, quantity: 1 };
        const letIn = Array.from({ length: mailboxSize + 1 }, () =>
          service.place({ customerId, lines: [line] }, { idempotencyKey: randomUUID() }),
        );
        await until(`${String(mailboxSize)} reservations wait`, () =>
          Promise.resolve(actor.stats().waiting === mailboxSize),
        );

        const started = performance.now();
        const refusal: unknown = await service
          .place({ customerId: latecomer, lines: [line] }, { idempotencyKey: randomUUID() })
          .catch((error: unknown) => error);
        const tookMs = performance.now() - started;
        console.log(
          `order placement on ${kind}: a full mailbox refused an order in ${tookMs.toFixed(1)} ms`,
        );

        expect(refusal).toBeInstanceOf(AppError);
        expect(refusal).toMatchObject({ code: "TOO_MANY_REQUESTS" });
        expect(await ordersOf(database, latecomer)).toBe(0);
        letGo();
        const placed = await Promise.all(letIn);
        expect(placed.map((order) => order.status)).toEqual(letIn.map(() => "PAID"));
        expect(await stockOf(database, lamp)).toBe(10 - (mailboxSize + 1));
      } finally {
        letGo();
        await sagas.worker.stop();
      }
    });
  });
});
