// The order repository on Prisma. Rows become domain values here (decimals and big integers
// as exact text), and Prisma's constraint errors become AppErrors (platform/db/prisma-errors.ts).
// Add queries here and to the port; the contract suite keeps it in step with the in-memory one.
import type { PrismaClient, Order as OrderRow } from "../../generated/prisma/client.js";
import {
  isRecordNotFound,
  translateDeleteError,
  translateWriteError,
} from "../../platform/db/prisma-errors.js";
import { notFound, staleVersion } from "../../platform/errors.js";
import { pageQuery } from "../../platform/pagination.js";
import type { Order } from "./order.js";
import type { OrderRepository } from "./order.repository.js";

function toOrder(row: OrderRow): Order {
  return {
    ...row,
    total: row.total.toFixed(2),
  };
}

export function createOrderPrismaRepository(prisma: PrismaClient): OrderRepository {
  return {
    async create(data, now) {
      try {
        const row = await prisma.order.create({
          data: {
            ...data,
            createdAt: now,
            updatedAt: now,
          },
        });
        return toOrder(row);
      } catch (error) {
        throw translateWriteError(error, "Order");
      }
    },

    async findById(id) {
      const row = await prisma.order.findUnique({ where: { id } });
      return row === null ? undefined : toOrder(row);
    },

    async list(request) {
      const rows = await prisma.order.findMany(pageQuery(request));
      return rows.map(toOrder);
    },

    async update(id, version, changes, now) {
      try {
        const row = await prisma.order.update({
          where: { id, version },
          data: {
            ...changes,
            updatedAt: now,
            version: { increment: 1 },
          },
        });
        return toOrder(row);
      } catch (error) {
        if (!isRecordNotFound(error)) throw translateWriteError(error, "Order");
        const exists = (await prisma.order.count({ where: { id } })) > 0;
        throw exists ? staleVersion("Order", id, version) : notFound("Order", id);
      }
    },

    async delete(id) {
      try {
        await prisma.order.delete({ where: { id } });
      } catch (error) {
        throw translateDeleteError(error, "Order", id);
      }
    },
  };
}
