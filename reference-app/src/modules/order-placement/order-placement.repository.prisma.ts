// The order placement port (order-placement.repository.ts) on Prisma. Stock is taken by a
// conditional update (`stock >= quantity`) that can never make it negative, whichever instance runs
// it; a reservation is the order's line, written in the transaction that takes the stock, under a
// lock of the order's row.
import { Prisma, type PrismaClient } from "../../generated/prisma/client.js";

type Transaction = Prisma.TransactionClient;

/**
 * Holds the order's row until the transaction ends: a step's "look, then write" runs under it, so
 * that two runs of one step never both write. (The saga's fence, taken first, has already refused
 * a run that lost its saga.)
 */
async function lockOrder(tx: Transaction, orderId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Order" WHERE "id" = ${orderId}::uuid FOR UPDATE`;
}
import type { OrderPlacementRepository } from "./order-placement.repository.js";

export function createOrderPlacementPrismaRepository(
  prisma: PrismaClient,
): OrderPlacementRepository {
  return {
    async customerExists(customerId) {
      const found = await prisma.customer.findUnique({
        where: { id: customerId },
        select: { id: true },
      });
      return found !== null;
    },

    async missingProduct(productIds) {
      const found = await prisma.product.findMany({
        where: { id: { in: [...productIds] } },
        select: { id: true },
      });
      const known = new Set(found.map((product) => product.id));
      return productIds.find((id) => !known.has(id));
    },

    createPendingOrder({ id, customerId }, alsoInTransaction) {
      return prisma.$transaction(async (tx) => {
        const existing = await tx.order.findUnique({ where: { id }, select: { id: true } });
        if (existing !== null) return false;
        await tx.order.create({ data: { id, customerId } });
        await alsoInTransaction(tx);
        return true;
      });
    },

    reserveLine(orderId, { productId, quantity }, fence) {
      return prisma.$transaction(async (tx) => {
        await fence(tx);
        await lockOrder(tx, orderId);
        const reserved = await tx.orderLine.findFirst({
          where: { orderId, productId },
          select: { id: true },
        });
        if (reserved !== null) return undefined;
        const taken = await tx.product.updateMany({
          where: { id: productId, status: "ACTIVE", stock: { gte: quantity } },
          data: { stock: { decrement: quantity }, version: { increment: 1 } },
        });
        const product = await tx.product.findUnique({
          where: { id: productId },
          select: { price: true, stock: true, status: true },
        });
        if (product === null) return `product ${productId} does not exist`;
        if (taken.count === 0) {
          return product.status === "ACTIVE"
            ? `not enough stock of product ${productId}: ${String(quantity)} ordered, ${String(product.stock)} left`
            : `product ${productId} is not for sale (${product.status})`;
        }
        await tx.orderLine.create({
          data: { orderId, productId, quantity, unitPrice: product.price },
        });
        return undefined;
      });
    },

    async releaseLines(orderId) {
      const lines = await prisma.orderLine.findMany({
        where: { orderId },
        select: { id: true, productId: true, quantity: true },
      });
      for (const line of lines) {
        await prisma.$transaction(async (tx) => {
          const deleted = await tx.orderLine.deleteMany({ where: { id: line.id } });
          if (deleted.count === 0) return;
          await tx.product.update({
            where: { id: line.productId },
            data: { stock: { increment: line.quantity }, version: { increment: 1 } },
          });
        });
      }
    },

    async priceOrder(orderId) {
      const lines = await prisma.orderLine.findMany({
        where: { orderId },
        select: { quantity: true, unitPrice: true },
      });
      const total = lines.reduce(
        (sum, line) => sum.plus(line.unitPrice.times(line.quantity)),
        new Prisma.Decimal(0),
      );
      await prisma.order.updateMany({
        where: { id: orderId, status: "PENDING" },
        data: { total, version: { increment: 1 } },
      });
      return total.toFixed(2);
    },

    bookShipment(orderId, carrier, fence) {
      return prisma.$transaction(async (tx) => {
        await fence(tx);
        await lockOrder(tx, orderId);
        const booked = await tx.shipment.findFirst({ where: { orderId }, select: { id: true } });
        const shipment =
          booked ??
          (await tx.shipment.create({ data: { orderId, carrier }, select: { id: true } }));
        return { shipmentId: shipment.id };
      });
    },

    async cancelShipments(orderId) {
      await prisma.shipment.deleteMany({ where: { orderId, status: "PENDING" } });
    },

    async markPaid(orderId) {
      await prisma.order.updateMany({
        where: { id: orderId, status: "PENDING" },
        data: { status: "PAID", version: { increment: 1 } },
      });
    },

    async markFailed(orderId, reason) {
      await prisma.order.updateMany({
        where: { id: orderId, status: "PENDING" },
        data: { status: "FAILED", failureReason: reason, version: { increment: 1 } },
      });
    },
  };
}
