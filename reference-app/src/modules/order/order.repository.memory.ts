import { randomUUID } from "node:crypto";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { asPromise, createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import type { Order } from "./order.js";
import type { OrderRepository } from "./order.repository.js";

/**
 * In-memory orders, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createOrderMemoryRepository(memory: MemoryDatabase = createMemoryDatabase()): OrderRepository {
  const rows = memory.table<Order>("Order");
  memory.addForeignKeys([
    { table: "Order", column: "customerId", target: "Customer" },
  ]);

  const store = (row: Order): Order => {
    if (!memory.exists("Customer", row.customerId)) {
      throw new AppError("BAD_REQUEST", "Order refers to a customer that does not exist", {
        details: { field: "customerId" },
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
          notes: data.notes ?? null,
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
        if (current === undefined) throw notFound("Order", id);
        if (current.version !== version) {
          throw conflict(`Order ${id} is no longer at version ${String(version)}`, { details: { id, version } });
        }
        const next: Order = { ...current, updatedAt: now, version: current.version + 1 };
        if (changes.customerId !== undefined) next.customerId = changes.customerId;
        if (changes.status !== undefined) next.status = changes.status;
        if (changes.total !== undefined) next.total = changes.total;
        if (changes.placedAt !== undefined) next.placedAt = changes.placedAt;
        if (changes.notes !== undefined) next.notes = changes.notes;
        return store(next);
      }),

    delete: (id) =>
      asPromise(() => {
        if (!rows.has(id)) throw notFound("Order", id);
        if (memory.isReferenced("Order", id)) {
          throw conflict(`Order ${id} is still referenced by other records`, { details: { id } });
        }
        rows.delete(id);
      }),
  };
}
