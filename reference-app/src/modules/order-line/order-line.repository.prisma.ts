// The order line repository on Prisma. Rows become domain values (platform/db/prisma-values.ts)
// and Prisma's errors AppErrors (platform/db/prisma-errors.ts). Add queries here and to the port;
// the contract suite keeps it in step with the in-memory one.
import type { PrismaClient, OrderLine as OrderLineRow } from "../../generated/prisma/client.js";
import {
  translateDeleteError,
  translateUpdateError,
  translateWriteError,
} from "../../platform/db/prisma-errors.js";
import { decimalText } from "../../platform/db/prisma-values.js";
import { pageQuery } from "../../platform/pagination.js";
import type { OrderLine } from "./order-line.js";
import type { OrderLineRepository } from "./order-line.repository.js";

function toOrderLine(row: OrderLineRow): OrderLine {
  return {
    ...row,
    unitPrice: decimalText(row.unitPrice, 2),
  };
}

export function createOrderLinePrismaRepository(prisma: PrismaClient): OrderLineRepository {
  return {
    async create(data, now) {
      try {
        const row = await prisma.orderLine.create({
          data: {
            ...data,
            createdAt: now,
            updatedAt: now,
          },
        });
        return toOrderLine(row);
      } catch (error) {
        throw translateWriteError(error, "OrderLine");
      }
    },

    async findById(id) {
      const row = await prisma.orderLine.findUnique({ where: { id } });
      return row === null ? undefined : toOrderLine(row);
    },

    async list(request) {
      const rows = await prisma.orderLine.findMany(pageQuery(request));
      return rows.map(toOrderLine);
    },

    async update(id, version, changes, now) {
      try {
        const row = await prisma.orderLine.update({
          where: { id, version },
          data: {
            ...changes,
            updatedAt: now,
            version: { increment: 1 },
          },
        });
        return toOrderLine(row);
      } catch (error) {
        throw await translateUpdateError(error, { entity: "OrderLine", id, version }, () =>
          prisma.orderLine.count({ where: { id } }),
        );
      }
    },

    async delete(id) {
      try {
        await prisma.orderLine.delete({ where: { id } });
      } catch (error) {
        throw translateDeleteError(error, "OrderLine", id);
      }
    },
  };
}
