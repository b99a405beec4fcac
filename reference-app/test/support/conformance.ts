// Valid inputs for every procedure of the app router, used by test/trpc-http.conformance.test.ts to
// send the same requests through the fast path and through the stock adapter. `npx plop entity`
// registers each entity at the markers below; a procedure of src/extensions.ts gets an entry in
// extension-inputs.ts, or the conformance test fails and names it.
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { extensionInputs } from "./extension-inputs.js";
import {
  createCustomer,
  prepareNewCustomer,
  customerPrismaStore,
} from "../../src/modules/customer/customer.builder.js";
import {
  createProduct,
  prepareNewProduct,
  productPrismaStore,
} from "../../src/modules/product/product.builder.js";
import {
  createOrder,
  prepareNewOrder,
  orderPrismaStore,
} from "../../src/modules/order/order.builder.js";
import {
  createOrderLine,
  prepareNewOrderLine,
  orderLinePrismaStore,
} from "../../src/modules/order-line/order-line.builder.js";
import {
  createShipment,
  prepareNewShipment,
  shipmentPrismaStore,
} from "../../src/modules/shipment/shipment.builder.js";
// plop:conformance-imports

/** A stored record, as a test refers to it. */
export interface Sample {
  id: string;
  version: number;
}

export interface EntityConformance {
  /** Stores one record, with the records it references. */
  seed(prisma: PrismaClient): Promise<Sample>;
  /** A valid input for `create`; its references point at records it stores first. */
  newInput(prisma: PrismaClient): Promise<unknown>;
}

/** The entities, by their key in the app router. */
export const entities: Record<string, EntityConformance> = {
  customer: {
    seed: (prisma) => createCustomer(customerPrismaStore(prisma)),
    newInput: (prisma) => prepareNewCustomer(customerPrismaStore(prisma)),
  },
  product: {
    seed: (prisma) => createProduct(productPrismaStore(prisma)),
    newInput: (prisma) => prepareNewProduct(productPrismaStore(prisma)),
  },
  order: {
    seed: (prisma) => createOrder(orderPrismaStore(prisma)),
    newInput: (prisma) => prepareNewOrder(orderPrismaStore(prisma)),
  },
  orderLine: {
    seed: (prisma) => createOrderLine(orderLinePrismaStore(prisma)),
    newInput: (prisma) => prepareNewOrderLine(orderLinePrismaStore(prisma)),
  },
  shipment: {
    seed: (prisma) => createShipment(shipmentPrismaStore(prisma)),
    newInput: (prisma) => prepareNewShipment(shipmentPrismaStore(prisma)),
  },
  // plop:conformance
};

/** Valid inputs of procedures that are not an entity's create, get, list, update or delete. */
export const procedures: Record<string, (prisma: PrismaClient) => Promise<unknown>> = {
  "system.info": () => Promise.resolve(undefined),
  ...extensionInputs,
};
