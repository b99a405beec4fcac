// Test data for order lines. Builders give valid values that differ on every call; tests
// override only what they are about. prepareNewOrderLine and createOrderLine also create
// the records an order line must reference, through the store's repositories.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import {
  createOrder,
  orderMemoryStore,
  orderPrismaStore,
  type OrderStore,
} from "../order/order.builder.js";
import {
  createProduct,
  productMemoryStore,
  productPrismaStore,
  type ProductStore,
} from "../product/product.builder.js";
import type { NewOrderLine, OrderLine } from "./order-line.js";
import type { OrderLineRepository } from "./order-line.repository.js";
import { createOrderLineMemoryRepository } from "./order-line.repository.memory.js";
import { createOrderLinePrismaRepository } from "./order-line.repository.prisma.js";

let sequence = 0;

/** A valid new order line. Its references point nowhere: prepareNewOrderLine fills them. */
export function buildNewOrderLine(overrides: Partial<NewOrderLine> = {}): NewOrderLine {
  sequence += 1;
  const n = sequence;
  return {
    orderId: randomUUID(),
    productId: randomUUID(),
    quantity: n,
    unitPrice: `${String(n % 1000000)}.25`,
    ...overrides,
  };
}

/** The repositories that tests of order lines use: its own and those of what it references. */
export interface OrderLineStore extends OrderStore, ProductStore {
  orderLineRepository: OrderLineRepository;
}

export function orderLineMemoryStore(
  memory: MemoryDatabase = createMemoryDatabase(),
): OrderLineStore {
  return {
    ...orderMemoryStore(memory),
    ...productMemoryStore(memory),
    orderLineRepository: createOrderLineMemoryRepository(memory),
  };
}

export function orderLinePrismaStore(prisma: PrismaClient): OrderLineStore {
  return {
    ...orderPrismaStore(prisma),
    ...productPrismaStore(prisma),
    orderLineRepository: createOrderLinePrismaRepository(prisma),
  };
}

/**
 * A valid new order line whose required references point at records created
 * for it, unless given.
 */
export async function prepareNewOrderLine(
  store: OrderLineStore,
  overrides: Partial<NewOrderLine> = {},
): Promise<NewOrderLine> {
  return buildNewOrderLine({
    orderId: overrides.orderId ?? (await createOrder(store)).id,
    productId: overrides.productId ?? (await createProduct(store)).id,
    ...overrides,
  });
}

/** A stored order line, created through the store's repository. */
export async function createOrderLine(
  store: OrderLineStore,
  overrides: Partial<NewOrderLine> = {},
): Promise<OrderLine> {
  return store.orderLineRepository.create(await prepareNewOrderLine(store, overrides), new Date());
}
