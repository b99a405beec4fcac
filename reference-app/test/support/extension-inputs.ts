// Valid inputs for the procedures of src/extensions.ts, by path, for the HTTP conformance test
// (test/trpc-http.conformance.test.ts): each procedure of the app router needs one. This file is
// yours, like src/extensions.ts: the generator wrote it once and never writes it again.
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import {
  createCustomer,
  customerPrismaStore,
} from "../../src/modules/customer/customer.builder.js";
import { createProduct, productPrismaStore } from "../../src/modules/product/product.builder.js";

export const extensionInputs: Record<string, (prisma: PrismaClient) => Promise<unknown>> = {
  // The corpus sends no Idempotency-Key: both paths must refuse it alike.
  "order.place": async (prisma) => ({
    customerId: (await createCustomer(customerPrismaStore(prisma))).id,
    lines: [{ productId: (await createProduct(productPrismaStore(prisma))).id, quantity: 1 }],
  }),
};
