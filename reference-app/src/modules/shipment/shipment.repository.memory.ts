import { randomUUID } from "node:crypto";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { asPromise, createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import type { Shipment } from "./shipment.js";
import type { ShipmentRepository } from "./shipment.repository.js";

/**
 * In-memory shipments, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createShipmentMemoryRepository(memory: MemoryDatabase = createMemoryDatabase()): ShipmentRepository {
  const rows = memory.table<Shipment>("Shipment");
  memory.addForeignKeys([
    { table: "Shipment", column: "orderId", target: "Order" },
  ]);

  const store = (row: Shipment): Shipment => {
    if (!memory.exists("Order", row.orderId)) {
      throw new AppError("BAD_REQUEST", "Shipment refers to an order that does not exist", {
        details: { field: "orderId" },
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
          trackingNumber: data.trackingNumber ?? null,
          shippedAt: data.shippedAt ?? null,
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
        if (current === undefined) throw notFound("Shipment", id);
        if (current.version !== version) {
          throw conflict(`Shipment ${id} is no longer at version ${String(version)}`, { details: { id, version } });
        }
        const next: Shipment = { ...current, updatedAt: now, version: current.version + 1 };
        if (changes.orderId !== undefined) next.orderId = changes.orderId;
        if (changes.carrier !== undefined) next.carrier = changes.carrier;
        if (changes.trackingNumber !== undefined) next.trackingNumber = changes.trackingNumber;
        if (changes.status !== undefined) next.status = changes.status;
        if (changes.shippedAt !== undefined) next.shippedAt = changes.shippedAt;
        return store(next);
      }),

    delete: (id) =>
      asPromise(() => {
        if (!rows.has(id)) throw notFound("Shipment", id);
        if (memory.isReferenced("Shipment", id)) {
          throw conflict(`Shipment ${id} is still referenced by other records`, { details: { id } });
        }
        rows.delete(id);
      }),
  };
}
