// The order line repository on Prisma. Rows become domain values here (decimals and big integers
// as exact text), and Prisma's constraint errors become AppErrors (platform/db/prisma-errors.ts).
// Add queries here and to the port; the contract suite keeps it in step with the in-memory one.
import type { PrismaClient, OrderLine as OrderLineRow } from "../../generated/prisma/client.js";
import {
  isRecordNotFound,
  translateDeleteError,
  translateWriteError,
} from "../../platform/db/prisma-errors.js";
import { notFound, staleVersion } from "../../platform/errors.js";
import { pageQuery } from "../../platform/pagination.js";
import type { OrderLine } from "./order-line.js";
import type { OrderLineRepository } from "./order-line.repository.js";

function toOrderLine(row: OrderLineRow): OrderLine {
  return {
    ...row,
    unitPrice: row.unitPrice.toFixed(2),
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
        if (!isRecordNotFound(error)) throw translateWriteError(error, "OrderLine");
        const exists = (await prisma.orderLine.count({ where: { id } })) > 0;
        throw exists ? staleVersion("OrderLine", id, version) : notFound("OrderLine", id);
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
