import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import { createMemoryRepository } from "../../platform/memory-repository.js";
import type { NewOrderLine, OrderLine, OrderLineChanges } from "./order-line.js";
import type { OrderLineRepository } from "./order-line.repository.js";

/**
 * In-memory order lines, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createOrderLineMemoryRepository(
  memory: MemoryDatabase = createMemoryDatabase(),
): OrderLineRepository {
  return createMemoryRepository<OrderLine, NewOrderLine, OrderLineChanges>(memory, {
    name: "OrderLine",
    references: [
      { column: "orderId", target: "Order" },
      { column: "productId", target: "Product" },
    ],
  });
}
