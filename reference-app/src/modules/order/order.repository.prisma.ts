// The order repository on Prisma. Rows become domain values (platform/db/prisma-values.ts)
// and Prisma's errors AppErrors (platform/db/prisma-errors.ts). Add queries here and to the port;
// the contract suite keeps it in step with the in-memory one.
import type { PrismaClient, Order as OrderRow } from "../../generated/prisma/client.js";
import {
  translateDeleteError,
  translateUpdateError,
  translateWriteError,
} from "../../platform/db/prisma-errors.js";
import { decimalText } from "../../platform/db/prisma-values.js";
import { pageQuery } from "../../platform/pagination.js";
import type { Order } from "./order.js";
import type { OrderRepository } from "./order.repository.js";

function toOrder(row: OrderRow): Order {
  return {
    ...row,
    total: decimalText(row.total, 2),
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
        throw await translateUpdateError(error, { entity: "Order", id, version }, () =>
          prisma.order.count({ where: { id } }),
        );
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
