// Order placement when the instance that drives an order's saga dies between two steps: another
// instance finishes every saga, PAID or FAILED, with the stock taken once or given back, the money
// held once or returned, and one shipment for a paid order. Each test builds the real pieces of
// order placement (the Prisma repository, the inventory actor, the saga, the HTTP payment provider
// against the fake one) on two instances of test/support/saga-database.ts, wraps the repository and
// the payment provider so that the first instance crashes at a chosen point, and lets the second
// instance's runner finish the saga.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../../../test/support/database.js";
import {
  startFakePaymentProvider,
  type FakePaymentProvider,
} from "../../../test/support/fake-payment-provider-control.js";
import { heldFor, seedCustomer, seedProduct, stockOf } from "../../../test/support/orders.js";
import {
  openSagaDatabase,
  type Instance,
  type SagaDatabase,
} from "../../../test/support/saga-database.js";
import { createKeyedActor } from "../../platform/mailbox.js";
import { FinalStepError } from "../../platform/saga/saga.js";
import { createSagaRunner, type SagaRunner } from "../../platform/saga/saga-runner.js";
import { loadPaymentProviderConfig } from "../payment/payment-provider.config.js";
import { createHttpPaymentProvider } from "../payment/payment-provider.http.js";
import type { PaymentProvider } from "../payment/payment-provider.js";
import { createInventory } from "./order-placement.inventory.js";
import type { OrderPlacementRepository } from "./order-placement.repository.js";
import { createOrderPlacementPrismaRepository } from "./order-placement.repository.prisma.js";
import { placeOrderSaga } from "./order-placement.saga.js";

/** Where the first instance dies: just after this call has done its work, before it is recorded. */
type CrashPoint =
  | "reserve-stock"
  | "price-order"
  | "charge-payment"
  | "book-shipment"
  | "mark-paid"
  | "release-stock"
  | "refund"
  | "mark-failed";

interface Scenario {
  crash: CrashPoint;
  /** The point, as the test's name says it. */
  when: string;
  /** What goes wrong before the crash, if anything: the order then fails. */
  trouble?: "declined" | "no carrier";
  ends: "PAID" | "FAILED";
}

const scenarios: Scenario[] = [
  { crash: "reserve-stock", when: "after one of two lines was reserved", ends: "PAID" },
  { crash: "price-order", when: "after the order was priced", ends: "PAID" },
  {
    crash: "charge-payment",
    when: "after the charge was made, before its result was recorded",
    ends: "PAID",
  },
  { crash: "book-shipment", when: "after the shipment was booked", ends: "PAID" },
  { crash: "mark-paid", when: "after the order was marked paid", ends: "PAID" },
  {
    crash: "release-stock",
    when: "while compensating a declined payment, after the stock was released",
    trouble: "declined",
    ends: "FAILED",
  },
  {
    crash: "refund",
    when: "while compensating a refused shipment, after the refund",
    trouble: "no carrier",
    ends: "FAILED",
  },
  {
    crash: "mark-failed",
    when: "after a declined order was marked failed",
    trouble: "declined",
    ends: "FAILED",
  },
];

function scenarioOf(crash: CrashPoint): Scenario {
  const found = scenarios.find((scenario) => scenario.crash === crash);
  if (found === undefined) throw new Error(`no scenario crashes at ${crash}`);
  return found;
}

const failureReasons = {
  declined: "charge-payment: the payment was declined",
  "no carrier": "book-shipment: no carrier serves that address",
} as const;

const never = new Promise<never>(() => undefined);

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(
    `order placement after a crash on ${kind}${skip ? ` (${skip})` : ""}`,
    () => {
      let database: SagaDatabase;
      let provider: FakePaymentProvider;
      const runners: SagaRunner[] = [];
      const recoveries: number[] = [];

      beforeAll(async () => {
        [database, provider] = await Promise.all([
          openSagaDatabase(kind, { schema: "app" }),
          startFakePaymentProvider(),
        ]);
      });
      afterEach(async () => {
        await Promise.all(runners.splice(0).map((runner) => runner.stop({ timeoutMs: 500 })));
        await provider.reset();
      });
      afterAll(async () => {
        if (recoveries.length > 0) {
          console.log(
            `order placement on ${kind}: the longest wait from a crash until another instance finished the order: ${String(Math.max(...recoveries))} ms (of ${String(recoveries.length)} crashes)`,
          );
        }
        await database.close();
        await provider.stop();
      });

      /**
       * Order placement on one instance: the real repository on the instance's Prisma client, its
       * inventory actor, the HTTP payment provider, the saga, and a runner whose worker is started, as
       * the app's saga engine starts it, with a lease of 2 s. With `crash`, the instance dies when
       * the scenario's call has done its work, and `crashed` resolves.
       */
      async function placementOn(instance: Instance, scenario?: Scenario) {
        let crashedAt = 0;
        let reportCrash: () => void = () => undefined;
        const crashed = new Promise<void>((resolve) => {
          reportCrash = resolve;
        });
        const after = async <T>(point: CrashPoint, work: Promise<T>): Promise<T> => {
          const value = await work;
          if (scenario?.crash !== point || instance.crashed) return value;
          instance.crash();
          crashedAt = Date.now();
          reportCrash();
          return never;
        };

        const prisma = createOrderPlacementPrismaRepository(instance.prisma);
        const repository: OrderPlacementRepository = {
          ...prisma,
          reserveLine: (orderId, line, fence) =>
            after("reserve-stock", prisma.reserveLine(orderId, line, fence)),
          priceOrder: (orderId) => after("price-order", prisma.priceOrder(orderId)),
          bookShipment: (orderId, carrier, fence) => {
            if (scenario?.trouble === "no carrier") {
              return Promise.reject(new FinalStepError("no carrier serves that address"));
            }
            return after("book-shipment", prisma.bookShipment(orderId, carrier, fence));
          },
          markPaid: (orderId) => after("mark-paid", prisma.markPaid(orderId)),
          releaseLines: (orderId) => after("release-stock", prisma.releaseLines(orderId)),
          markFailed: (orderId, reason) => after("mark-failed", prisma.markFailed(orderId, reason)),
        };
        const http = createHttpPaymentProvider(
          loadPaymentProviderConfig({
            PAYMENT_PROVIDER_URL: provider.url,
            PAYMENT_PROVIDER_TIMEOUT_MS: "1000",
            PAYMENT_PROVIDER_RETRY_DELAY_MS: "10",
            PAYMENT_PROVIDER_MAX_RETRIES: "1",
          }),
        );
        const payments: PaymentProvider = {
          charge: (request) => after("charge-payment", http.charge(request)),
          refund: (request) => after("refund", http.refund(request)),
        };
        const inventory = createInventory({
          repository,
          actor: createKeyedActor({ name: "inventory", mailboxSize: 10 }),
        });
        const saga = placeOrderSaga({
          repository,
          inventory,
          payments,
          currency: "EUR",
          carrier: "standard",
        });
        const runner = await createSagaRunner({
          db: instance.db,
          boss: instance.boss,
          sagas: [saga],
          leaseSeconds: 2,
          pollingIntervalSeconds: 0.5,
          retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
        });
        runners.push(runner);
        await runner.startWorker();

        return {
          runner,
          crashed,
          crashedAt: () => crashedAt,
          /**
           * Records the order PENDING and starts its saga in one transaction, as `order.place` does;
           * the caller then drives it itself, or leaves it to a worker.
           */
          async place(
            order: { customerId: string; lines: { productId: string; quantity: number }[] },
            driver: "caller" | "worker",
          ): Promise<string> {
            const orderId = randomUUID();
            await repository.createPendingOrder(
              { id: orderId, customerId: order.customerId },
              (tx) => runner.start(saga, orderId, { orderId, ...order }, { tx, driver }),
            );
            return orderId;
          },
        };
      }

      /** Places an order whose first instance crashes as the scenario says; another finishes it. */
      async function crashAndRecover(scenario: Scenario, driver: "caller" | "worker") {
        const customerId = await seedCustomer(database);
        const lamp = await seedProduct(database, { stock: 5, price: "12.50" });
        const desk = await seedProduct(database, { stock: 2, price: "100.00" });
        if (scenario.trouble === "declined") await provider.behave({ decline: true });

        const first = await placementOn(await database.instance(), scenario);
        const orderId = await first.place(
          {
            customerId,
            lines: [
              { productId: lamp, quantity: 2 },
              { productId: desk, quantity: 1 },
            ],
          },
          driver,
        );
        const driven =
          driver === "caller" ? first.runner.drive(orderId) : first.runner.waitFor(orderId);
        await Promise.race([
          first.crashed,
          driven.then((state) => {
            throw new Error(`the saga ended ${String(state?.status)} before the crash`);
          }),
        ]);
        await provider.behave({});

        const second = await placementOn(await database.instance());
        const state = await second.runner.waitFor(orderId, { timeoutMs: 25_000 });
        recoveries.push(Date.now() - first.crashedAt());

        const order = await database.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
        const received = await provider.received();
        return {
          state,
          order,
          stock: [await stockOf(database, lamp), await stockOf(database, desk)],
          lines: await database.prisma.orderLine.count({ where: { orderId } }),
          shipments: await database.prisma.shipment.count({ where: { orderId } }),
          charges: received.charges.filter((charge) => charge.reference === orderId),
          refunds: received.refunds,
          held: heldFor(received, orderId),
          orderId,
        };
      }

      function expectPaid(outcome: Awaited<ReturnType<typeof crashAndRecover>>) {
        expect(outcome.state?.status).toBe("COMPLETED");
        expect(outcome.order).toMatchObject({ status: "PAID", failureReason: null });
        expect(outcome.order.total.toFixed(2)).toBe("125.00");
        expect(outcome.stock).toEqual([3, 1]);
        expect(outcome.lines).toBe(2);
        // One charge, under the step's key, however often it was asked for.
        expect(outcome.charges.map((charge) => [charge.idempotencyKey, charge.amount])).toEqual([
          [`${outcome.orderId}:charge-payment`, "125.00"],
        ]);
        expect(outcome.refunds).toEqual([]);
        expect(outcome.held).toBe(12_500);
        expect(outcome.shipments).toBe(1);
      }

      function expectFailed(outcome: Awaited<ReturnType<typeof crashAndRecover>>, reason: string) {
        expect(outcome.state?.status).toBe("FAILED");
        expect(outcome.order).toMatchObject({ status: "FAILED", failureReason: reason });
        expect(outcome.stock).toEqual([5, 2]);
        expect(outcome.lines).toBe(0);
        expect(outcome.held).toBe(0);
        expect(outcome.refunds.length).toBe(outcome.charges.length);
        expect(outcome.shipments).toBe(0);
      }

      it.each(scenarios)(
        "ends the order $ends when the instance driving it crashed $when",
        { timeout: 40_000 },
        async (scenario) => {
          const outcome = await crashAndRecover(scenario, "caller");

          if (scenario.ends === "PAID") {
            expectPaid(outcome);
            return;
          }
          expectFailed(outcome, failureReasons[scenario.trouble ?? "declined"]);
          if (scenario.trouble === "no carrier") {
            expect(outcome.charges).toHaveLength(1);
            expect(outcome.refunds.map((refund) => refund.charge)).toEqual(
              outcome.charges.map((charge) => charge.id),
            );
          } else {
            expect(outcome.charges).toEqual([]);
          }
        },
      );

      it(
        "ends the order PAID when the worker that took its job crashed after the charge was made",
        { timeout: 40_000 },
        async () => {
          expectPaid(await crashAndRecover(scenarioOf("charge-payment"), "worker"));
        },
      );

      it(
        "ends the order FAILED when the worker that took its job crashed while compensating",
        { timeout: 40_000 },
        async () => {
          const outcome = await crashAndRecover(scenarioOf("release-stock"), "worker");

          expectFailed(outcome, failureReasons.declined);
          expect(outcome.charges).toEqual([]);
        },
      );
    },
  );
}
