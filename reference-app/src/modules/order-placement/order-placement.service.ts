// Placing an order: refuse at once what cannot succeed (an unknown customer or product, a product
// whose reservations already wait to the brim), then record the order PENDING and start its saga
// in one transaction, drive the saga here, and answer with the order: PAID or FAILED when the saga
// ends within the wait, PENDING otherwise (it goes on, and `order.get` shows how it ends). Should
// this process die, the saga's job finishes it on another instance. See docs/order-placement.md.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError, notFound } from "../../platform/errors.js";
import type { Logger } from "../../platform/logger.js";
import type { SagaEngine } from "../../platform/saga/saga-engine.js";
import type { SagaDefinition } from "../../platform/saga/saga.js";
import type { Order } from "../order/order.js";
import type { OrderService } from "../order/order.service.js";
import type { PlaceOrder } from "./order-placement.js";
import type { Inventory } from "./order-placement.inventory.js";
import type { OrderPlacementRepository } from "./order-placement.repository.js";
import type { PlaceOrderInput } from "./order-placement.saga.js";

export interface OrderPlacementDeps {
  repository: OrderPlacementRepository;
  orders: OrderService;
  inventory: Inventory;
  sagas: Pick<SagaEngine, "runner">;
  saga: SagaDefinition<PlaceOrderInput>;
  logger: Pick<Logger, "warn">;
  /** How long `place` waits for the saga to end before it answers with the order PENDING. */
  waitMs: number;
}

export type OrderPlacementService = ReturnType<typeof createOrderPlacementService>;

export function createOrderPlacementService(deps: OrderPlacementDeps) {
  const { repository, orders, inventory, sagas, saga, logger, waitMs } = deps;

  async function refuseEarly({ customerId, lines }: PlaceOrder): Promise<void> {
    if (!(await repository.customerExists(customerId))) throw notFound("Customer", customerId);
    const missing = await repository.missingProduct(lines.map((line) => line.productId));
    if (missing !== undefined) throw notFound("Product", missing);
    if (!inventory.hasRoom(lines)) {
      throw new AppError(
        "TOO_MANY_REQUESTS",
        "Too many orders wait for one of these products; try again later",
      );
    }
  }

  return {
    async place(input: PlaceOrder): Promise<Order> {
      await refuseEarly(input);
      const runner = sagas.runner;
      const orderId = randomUUID();
      await repository.createPendingOrder({ id: orderId, customerId: input.customerId }, (tx) =>
        runner.start(saga, orderId, { orderId, ...input }, { tx, driver: "caller" }),
      );
      const driven = runner.drive(orderId).catch((error: unknown) => {
        // Its job finishes it later; the caller sees the order PENDING meanwhile.
        logger.warn({ err: error, orderId }, "placing the order was interrupted");
      });
      const waited = new AbortController();
      await Promise.race([
        driven,
        sleep(waitMs, undefined, { signal: waited.signal }).catch(() => undefined),
      ]);
      waited.abort();
      return orders.get(orderId);
    },
  };
}
