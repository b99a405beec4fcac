import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import { createMemoryRepository } from "../../platform/memory-repository.js";
import type { NewShipment, Shipment, ShipmentChanges } from "./shipment.js";
import type { ShipmentRepository } from "./shipment.repository.js";

/**
 * In-memory shipments, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createShipmentMemoryRepository(
  memory: MemoryDatabase = createMemoryDatabase(),
): ShipmentRepository {
  return createMemoryRepository<Shipment, NewShipment, ShipmentChanges>(memory, {
    name: "Shipment",
    nullable: ["trackingNumber", "shippedAt"],
    references: [{ column: "orderId", target: "Order" }],
  });
}
