// Many orders at once for a product in short supply: exactly as many are placed as there is stock,
// every other one fails for want of stock, and the stock ends at zero without ever going below it,
// on one instance and on two instances sharing a PostgreSQL database. A CHECK constraint added for
// the test would turn any update that made stock negative into an error, and so into an order
// failed for another reason than the stock.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp, buildConfig } from "../../../test/support/app.js";
import { databaseKinds, freshDatabase } from "../../../test/support/database.js";
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
  type Answer,
} from "../../../test/support/orders.js";
import { createApp, type App } from "../../app.js";
import type { Database } from "../../platform/db/database.js";
import { createLogger } from "../../platform/logger.js";

const orders = 200;
const stock = 50;

const settings = (providerUrl: string) => ({
  PAYMENT_PROVIDER_URL: providerUrl,
  // Every order is taken: the test is about stock, not about backpressure.
  INVENTORY_MAILBOX_SIZE: String(orders),
  // The answers wait for the sagas; the test waits for any still running all the same.
  ORDER_PLACE_WAIT_MS: "30000",
  // Embedded PGlite runs every query on this process's event loop, without a turn of the loop in
  // between: while 200 orders are being placed, the loop does not turn for seconds, and the
  // provider's answers, made at once, are read only afterwards. A timeout of the default 2 s would
  // then fire first, and the payment circuit open, for want of a turn of the loop, not of stock.
  PAYMENT_PROVIDER_TIMEOUT_MS: "30000",
});

async function forbidNegativeStock(database: Database): Promise<void> {
  await database.prisma.$executeRawUnsafe(
    `ALTER TABLE "Product" ADD CONSTRAINT "Product_stock_not_negative" CHECK ("stock" >= 0)`,
  );
}

async function allowNegativeStock(database: Database): Promise<void> {
  await database.prisma.$executeRawUnsafe(
    `ALTER TABLE "Product" DROP CONSTRAINT IF EXISTS "Product_stock_not_negative"`,
  );
}

/** Sends `orders` orders of one unit of `productId` at once, shared equally by the apps. */
async function placeAtOnce(apps: App[], customerId: string, productId: string) {
  const senders = Array.from({ length: orders / apps.length }, () => apps).flat();
  return Promise.all(
    senders.map((app) => placeOrder(app, { customerId, lines: [{ productId, quantity: 1 }] })),
  );
}

/** Waits for every saga to end (an answer may have come back PENDING), then reads the outcome. */
async function outcome(database: Database, productId: string, answers: Answer[]) {
  const ids = answers.map((answer) => answer.order?.id ?? "");
  for (;;) {
    const pending = await database.prisma.order.count({
      where: { id: { in: ids }, status: "PENDING" },
    });
    if (pending === 0) break;
    await sleep(100);
  }
  const placed = await database.prisma.order.findMany({ where: { id: { in: ids } } });
  const reserved = await database.prisma.orderLine.aggregate({
    where: { productId },
    _sum: { quantity: true },
  });
  return {
    statuses: answers.map((answer) => answer.status),
    paid: placed.filter((order) => order.status === "PAID"),
    failed: placed.filter((order) => order.status === "FAILED"),
    stock: await stockOf(database, productId),
    reserved: reserved._sum.quantity,
    shipments: await database.prisma.shipment.count({ where: { orderId: { in: ids } } }),
  };
}

function expectExactlyTheStockPlaced(
  result: Awaited<ReturnType<typeof outcome>>,
  productId: string,
) {
  expect(result.statuses).toEqual(Array.from({ length: orders }, () => 200));
  expect(result.paid).toHaveLength(stock);
  expect(result.failed).toHaveLength(orders - stock);
  expect(new Set(result.failed.map((order) => order.failureReason))).toEqual(
    new Set([`reserve-stock: not enough stock of product ${productId}: 1 ordered, 0 left`]),
  );
  expect(result.stock).toBe(0);
  expect(result.reserved).toBe(stock);
  expect(result.shipments).toBe(stock);
}

describe.each(databaseKinds)("200 orders at once for 50 in stock on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  let provider: FakePaymentProvider;
  let app: App;

  beforeAll(async () => {
    provider = await startFakePaymentProvider();
    app = await buildApp({ kind, env: settings(provider.url) });
  });
  afterEach(async () => {
    await allowNegativeStock(app.database);
    await provider.reset();
  });
  afterAll(async () => {
    await app.close();
    await provider.stop();
  });

  it(
    "places exactly 50, fails the others for want of stock, and leaves none",
    { timeout: 60_000 },
    async () => {
      const customerId = await seedCustomer(app.database);
      const productId = await seedProduct(app.database, { stock, price: "10.00" });
      await forbidNegativeStock(app.database);

      const answers = await placeAtOnce([app], customerId, productId);
      const result = await outcome(app.database, productId, answers);

      expectExactlyTheStockPlaced(result, productId);
      const received = await provider.received();
      expect(received.charges).toHaveLength(stock);
      expect(result.paid.map((order) => heldFor(received, order.id))).toEqual(
        result.paid.map(() => 1_000),
      );
    },
  );
});

describe.skipIf(databaseKinds[1]?.skip !== false)(
  "200 orders at once for 50 in stock on two instances sharing a PostgreSQL database",
  () => {
    let provider: FakePaymentProvider;
    let fresh: Awaited<ReturnType<typeof freshDatabase>>;
    const apps: App[] = [];

    beforeAll(async () => {
      provider = await startFakePaymentProvider();
      fresh = await freshDatabase("postgres");
      const config = buildConfig(settings(provider.url));
      // One after the other: the second finds the database migrated by the first.
      for (const database of [fresh.database, await fresh.connectAgain()]) {
        const app = await createApp({ config, logger: createLogger(config), database });
        apps.push(app);
        await app.startWorkers();
      }
    });
    afterAll(async () => {
      await Promise.all(apps.map((app) => app.close()));
      await fresh.dispose();
      await provider.stop();
    });

    it(
      "places exactly 50 over both, fails the others for want of stock, and leaves none",
      { timeout: 60_000 },
      async () => {
        const { database } = fresh;
        const customerId = await seedCustomer(database);
        const productId = await seedProduct(database, { stock, price: "10.00" });
        await forbidNegativeStock(database);

        const answers = await placeAtOnce(apps, customerId, productId);
        const result = await outcome(database, productId, answers);

        expectExactlyTheStockPlaced(result, productId);
        const received = await provider.received();
        expect(received.charges).toHaveLength(stock);
      },
    );
  },
);
