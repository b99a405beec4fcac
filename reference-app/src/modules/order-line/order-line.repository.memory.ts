import { randomUUID } from "node:crypto";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { asPromise, createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import type { OrderLine } from "./order-line.js";
import type { OrderLineRepository } from "./order-line.repository.js";

/**
 * In-memory order lines, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createOrderLineMemoryRepository(memory: MemoryDatabase = createMemoryDatabase()): OrderLineRepository {
  const rows = memory.table<OrderLine>("OrderLine");
  memory.addForeignKeys([
    { table: "OrderLine", column: "orderId", target: "Order" },
    { table: "OrderLine", column: "productId", target: "Product" },
  ]);

  const store = (row: OrderLine): OrderLine => {
    if (!memory.exists("Order", row.orderId)) {
      throw new AppError("BAD_REQUEST", "OrderLine refers to an order that does not exist", {
        details: { field: "orderId" },
      });
    }
    if (!memory.exists("Product", row.productId)) {
      throw new AppError("BAD_REQUEST", "OrderLine refers to a product that does not exist", {
        details: { field: "productId" },
      });
    }
    rows.set(row.id, structuredClone(row));
    return structuredClone(row);
  };

  return {
    create: (data, now) =>
      asPromise(() =>
        store({
          ...data,
          id: randomUUID(),
          createdAt: now,
          updatedAt: now,
          version: 0,
        }),
      ),

    findById: (id) =>
      asPromise(() => {
        const row = rows.get(id);
        return row === undefined ? undefined : structuredClone(row);
      }),

    list: ({ limit, after }) =>
      asPromise(() =>
        [...rows.values()]
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .filter(
            (row) =>
              after === undefined ||
              row.createdAt.getTime() > after.createdAt.getTime() ||
              (row.createdAt.getTime() === after.createdAt.getTime() && row.id > after.id),
          )
          .slice(0, limit)
          .map((row) => structuredClone(row)),
      ),

    update: (id, version, changes, now) =>
      asPromise(() => {
        const current = rows.get(id);
        if (current === undefined) throw notFound("OrderLine", id);
        if (current.version !== version) {
          throw conflict(`OrderLine ${id} is no longer at version ${String(version)}`, { details: { id, version } });
        }
        const next: OrderLine = { ...current, updatedAt: now, version: current.version + 1 };
        if (changes.orderId !== undefined) next.orderId = changes.orderId;
        if (changes.productId !== undefined) next.productId = changes.productId;
        if (changes.quantity !== undefined) next.quantity = changes.quantity;
        if (changes.unitPrice !== undefined) next.unitPrice = changes.unitPrice;
        return store(next);
      }),

    delete: (id) =>
      asPromise(() => {
        if (!rows.has(id)) throw notFound("OrderLine", id);
        if (memory.isReferenced("OrderLine", id)) {
          throw conflict(`OrderLine ${id} is still referenced by other records`, { details: { id } });
        }
        rows.delete(id);
      }),
  };
}
