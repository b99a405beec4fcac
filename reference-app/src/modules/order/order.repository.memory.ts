import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import { createMemoryRepository } from "../../platform/memory-repository.js";
import type { NewOrder, Order, OrderChanges } from "./order.js";
import type { OrderRepository } from "./order.repository.js";

/**
 * In-memory orders, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createOrderMemoryRepository(
  memory: MemoryDatabase = createMemoryDatabase(),
): OrderRepository {
  return createMemoryRepository<Order, NewOrder, OrderChanges>(memory, {
    name: "Order",
    nullable: ["notes"],
    references: [{ column: "customerId", target: "Customer" }],
  });
}
