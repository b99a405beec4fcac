// Valid inputs for the procedures of src/extensions.ts, by path, for the HTTP conformance test
// (test/trpc-http.conformance.test.ts): each procedure of the app router needs one. This file is
// yours, like src/extensions.ts: the generator wrote it once and never writes it again.
import type { PrismaClient } from "../../src/generated/prisma/client.js";

export const extensionInputs: Record<string, (prisma: PrismaClient) => Promise<unknown>> = {
  "order.place": async (prisma) => {
    const customer = await prisma.customer.create({
      data: { name: "Conformance", email: "conformance-order@example.com" },
    });
    const product = await prisma.product.create({
      data: { sku: "conformance-order", name: "Lamp", price: "12.50", stock: 5, status: "ACTIVE" },
    });
    return { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] };
  },
};
