// Test data for orders. Builders give valid values that differ on every call; tests
// override only what they are about. prepareNewOrder and createOrder also create
// the records an order must reference, through the store's repositories.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import {
  createCustomer,
  customerMemoryStore,
  customerPrismaStore,
  type CustomerStore,
} from "../customer/customer.builder.js";
import type { NewOrder, Order } from "./order.js";
import type { OrderRepository } from "./order.repository.js";
import { createOrderMemoryRepository } from "./order.repository.memory.js";
import { createOrderPrismaRepository } from "./order.repository.prisma.js";

let sequence = 0;

/** A valid new order. Its references point nowhere: prepareNewOrder fills them. */
export function buildNewOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  sequence += 1;
  const n = sequence;
  return {
    customerId: randomUUID(),
    status: "PENDING",
    total: `${String(n % 1000000)}.25`,
    placedAt: new Date(Date.UTC(2024, 0, 1) + n * 1000),
    notes: `notes ${String(n)}`,
    ...overrides,
  };
}

/** The repositories that tests of orders use: its own and those of what it references. */
export interface OrderStore extends CustomerStore {
  orderRepository: OrderRepository;
}

export function orderMemoryStore(memory: MemoryDatabase = createMemoryDatabase()): OrderStore {
  return {
    ...customerMemoryStore(memory),
    orderRepository: createOrderMemoryRepository(memory),
  };
}

export function orderPrismaStore(prisma: PrismaClient): OrderStore {
  return {
    ...customerPrismaStore(prisma),
    orderRepository: createOrderPrismaRepository(prisma),
  };
}

/**
 * A valid new order whose required references point at records created
 * for it, unless given.
 */
export async function prepareNewOrder(
  store: OrderStore,
  overrides: Partial<NewOrder> = {},
): Promise<NewOrder> {
  return buildNewOrder({
    customerId: overrides.customerId ?? (await createCustomer(store)).id,
    ...overrides,
  });
}

/** A stored order, created through the store's repository. */
export async function createOrder(
  store: OrderStore,
  overrides: Partial<NewOrder> = {},
): Promise<Order> {
  return store.orderRepository.create(await prepareNewOrder(store, overrides), new Date());
}
