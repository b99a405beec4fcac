// Test data for shipments. Builders give valid values that differ on every call; tests
// override only what they are about. prepareNewShipment and createShipment also create
// the records a shipment must reference, through the store's repositories.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import {
  createOrder,
  orderMemoryStore,
  orderPrismaStore,
  type OrderStore,
} from "../order/order.builder.js";
import type { NewShipment, Shipment } from "./shipment.js";
import type { ShipmentRepository } from "./shipment.repository.js";
import { createShipmentMemoryRepository } from "./shipment.repository.memory.js";
import { createShipmentPrismaRepository } from "./shipment.repository.prisma.js";

let sequence = 0;

/** A valid new shipment. Its references point nowhere: prepareNewShipment fills them. */
export function buildNewShipment(overrides: Partial<NewShipment> = {}): NewShipment {
  sequence += 1;
  const n = sequence;
  return {
    orderId: randomUUID(),
    carrier: `carrier ${String(n)}`,
    trackingNumber: `tracking number ${String(n)}`,
    status: "PENDING",
    shippedAt: new Date(Date.UTC(2024, 0, 1) + n * 1000),
    ...overrides,
  };
}

/** The repositories that tests of shipments use: its own and those of what it references. */
export interface ShipmentStore extends OrderStore {
  shipmentRepository: ShipmentRepository;
}

export function shipmentMemoryStore(
  memory: MemoryDatabase = createMemoryDatabase(),
): ShipmentStore {
  return {
    ...orderMemoryStore(memory),
    shipmentRepository: createShipmentMemoryRepository(memory),
  };
}

export function shipmentPrismaStore(prisma: PrismaClient): ShipmentStore {
  return {
    ...orderPrismaStore(prisma),
    shipmentRepository: createShipmentPrismaRepository(prisma),
  };
}

/**
 * A valid new shipment whose required references point at records created
 * for it, unless given.
 */
export async function prepareNewShipment(
  store: ShipmentStore,
  overrides: Partial<NewShipment> = {},
): Promise<NewShipment> {
  return buildNewShipment({
    orderId: overrides.orderId ?? (await createOrder(store)).id,
    ...overrides,
  });
}

/** A stored shipment, created through the store's repository. */
export async function createShipment(
  store: ShipmentStore,
  overrides: Partial<NewShipment> = {},
): Promise<Shipment> {
  return store.shipmentRepository.create(await prepareNewShipment(store, overrides), new Date());
}
