// The customer repository on Prisma. Rows become domain values (platform/db/prisma-values.ts)
// and Prisma's errors AppErrors (platform/db/prisma-errors.ts). Add queries here and to the port;
// the contract suite keeps it in step with the in-memory one.
import type { PrismaClient, Customer as CustomerRow } from "../../generated/prisma/client.js";
import {
  translateDeleteError,
  translateUpdateError,
  translateWriteError,
} from "../../platform/db/prisma-errors.js";
import { pageQuery } from "../../platform/pagination.js";
import type { Customer } from "./customer.js";
import type { CustomerRepository } from "./customer.repository.js";

function toCustomer(row: CustomerRow): Customer {
  return {
    ...row,
  };
}

export function createCustomerPrismaRepository(prisma: PrismaClient): CustomerRepository {
  return {
    async create(data, now) {
      try {
        const row = await prisma.customer.create({
          data: {
            ...data,
            createdAt: now,
            updatedAt: now,
          },
        });
        return toCustomer(row);
      } catch (error) {
        throw translateWriteError(error, "Customer");
      }
    },

    async findById(id) {
      const row = await prisma.customer.findUnique({ where: { id } });
      return row === null ? undefined : toCustomer(row);
    },

    async list(request) {
      const rows = await prisma.customer.findMany(pageQuery(request));
      return rows.map(toCustomer);
    },

    async update(id, version, changes, now) {
      try {
        const row = await prisma.customer.update({
          where: { id, version },
          data: {
            ...changes,
            updatedAt: now,
            version: { increment: 1 },
          },
        });
        return toCustomer(row);
      } catch (error) {
        throw await translateUpdateError(error, { entity: "Customer", id, version }, () =>
          prisma.customer.count({ where: { id } }),
        );
      }
    },

    async delete(id) {
      try {
        await prisma.customer.delete({ where: { id } });
      } catch (error) {
        throw translateDeleteError(error, "Customer", id);
      }
    },
  };
}
