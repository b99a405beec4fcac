// The product repository on Prisma. Rows become domain values here (decimals and big integers
// as exact text), and Prisma's constraint errors become AppErrors (platform/db/prisma-errors.ts).
// Add queries here and to the port; the contract suite keeps it in step with the in-memory one.
import type { PrismaClient, Product as ProductRow } from "../../generated/prisma/client.js";
import {
  isRecordNotFound,
  translateDeleteError,
  translateWriteError,
} from "../../platform/db/prisma-errors.js";
import { notFound, staleVersion } from "../../platform/errors.js";
import { pageQuery } from "../../platform/pagination.js";
import type { Product } from "./product.js";
import type { ProductRepository } from "./product.repository.js";

function toProduct(row: ProductRow): Product {
  return {
    ...row,
    price: row.price.toFixed(2),
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
        if (!isRecordNotFound(error)) throw translateWriteError(error, "Product");
        const exists = (await prisma.product.count({ where: { id } })) > 0;
        throw exists ? staleVersion("Product", id, version) : notFound("Product", id);
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
