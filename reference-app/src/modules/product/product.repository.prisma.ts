// The product repository on Prisma. Rows become domain values (platform/db/prisma-values.ts)
// and Prisma's errors AppErrors (platform/db/prisma-errors.ts). Add queries here and to the port;
// the contract suite keeps it in step with the in-memory one.
import type { PrismaClient, Product as ProductRow } from "../../generated/prisma/client.js";
import {
  translateDeleteError,
  translateUpdateError,
  translateWriteError,
} from "../../platform/db/prisma-errors.js";
import { decimalText } from "../../platform/db/prisma-values.js";
import { pageQuery } from "../../platform/pagination.js";
import type { Product } from "./product.js";
import type { ProductRepository } from "./product.repository.js";

function toProduct(row: ProductRow): Product {
  return {
    ...row,
    price: decimalText(row.price, 2),
  };
}

export function createProductPrismaRepository(prisma: PrismaClient): ProductRepository {
  return {
    async create(data, now) {
      try {
        const row = await prisma.product.create({
          data: {
            ...data,
            createdAt: now,
            updatedAt: now,
          },
        });
        return toProduct(row);
      } catch (error) {
        throw translateWriteError(error, "Product");
      }
    },

    async findById(id) {
      const row = await prisma.product.findUnique({ where: { id } });
      return row === null ? undefined : toProduct(row);
    },

    async list(request) {
      const rows = await prisma.product.findMany(pageQuery(request));
      return rows.map(toProduct);
    },

    async update(id, version, changes, now) {
      try {
        const row = await prisma.product.update({
          where: { id, version },
          data: {
            ...changes,
            updatedAt: now,
            version: { increment: 1 },
          },
        });
        return toProduct(row);
      } catch (error) {
        throw await translateUpdateError(error, { entity: "Product", id, version }, () =>
          prisma.product.count({ where: { id } }),
        );
      }
    },

    async delete(id) {
      try {
        await prisma.product.delete({ where: { id } });
      } catch (error) {
        throw translateDeleteError(error, "Product", id);
      }
    },
  };
}
