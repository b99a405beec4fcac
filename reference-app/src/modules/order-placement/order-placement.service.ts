// Placing an order: refuse at once what cannot succeed (an unknown customer or product, a product
// whose reservations already wait to the brim), then record the order PENDING and start its saga
// in one transaction, drive the saga here, and answer with the order: PAID or FAILED when the saga
// ends within the wait, PENDING otherwise (it goes on, and `order.get` shows how it ends). Should
// this process die, the saga's job finishes it on another instance. See docs/order-placement.md.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import { v5 as uuidv5 } from "uuid";
import { AppError, notFound } from "../../platform/errors.js";
import type { Logger } from "../../platform/logger.js";
import type { SagaEngine } from "../../platform/saga/saga-engine.js";
import type { SagaDefinition } from "../../platform/saga/saga.js";
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

/** The namespace of order ids derived from idempotency keys (RFC 9562 name-based UUIDs). */
const orderIdNamespace = "9f1d5c3e-6b1a-4d7e-9a51-2f0c8e7b4a10";

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
    /**
     * Places the order. With the caller's idempotency key, the order's id derives from it: a call
     * repeated after its answer was lost (even once the key's stored claim has lapsed, after a
     * crash) finds the order it placed and answers it, rather than placing a second one.
     */
    async place(input: PlaceOrder, { idempotencyKey }: { idempotencyKey?: string } = {}) {
      await refuseEarly(input);
      const runner = await sagas.runner();
      const orderId =
        idempotencyKey === undefined ? randomUUID() : uuidv5(idempotencyKey, orderIdNamespace);
      const sagaInput: PlaceOrderInput = { orderId, ...input };
      let jobId: string | undefined;
      const created = await repository.createPendingOrder(
        { id: orderId, customerId: input.customerId },
        async (tx) => {
          ({ jobId } = await runner.start(saga, orderId, sagaInput, { tx, driver: "caller" }));
        },
      );
      if (!created) {
        const placed = await runner.get(orderId);
        if (placed === undefined || !isDeepStrictEqual(placed.input, sagaInput)) {
          throw new AppError("CONFLICT", "This Idempotency-Key placed another order", {
            details: { orderId },
          });
        }
      }
      const driven = runner
        .drive(orderId, jobId === undefined ? {} : { jobId })
        .catch((error: unknown) => {
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
