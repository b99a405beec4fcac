// The shipment repository on Prisma. Rows become domain values (platform/db/prisma-values.ts)
// and Prisma's errors AppErrors (platform/db/prisma-errors.ts). Add queries here and to the port;
// the contract suite keeps it in step with the in-memory one.
import type { PrismaClient, Shipment as ShipmentRow } from "../../generated/prisma/client.js";
import {
  translateDeleteError,
  translateUpdateError,
  translateWriteError,
} from "../../platform/db/prisma-errors.js";
import { pageQuery } from "../../platform/pagination.js";
import type { Shipment } from "./shipment.js";
import type { ShipmentRepository } from "./shipment.repository.js";

function toShipment(row: ShipmentRow): Shipment {
  return {
    ...row,
  };
}

export function createShipmentPrismaRepository(prisma: PrismaClient): ShipmentRepository {
  return {
    async create(data, now) {
      try {
        const row = await prisma.shipment.create({
          data: {
            ...data,
            createdAt: now,
            updatedAt: now,
          },
        });
        return toShipment(row);
      } catch (error) {
        throw translateWriteError(error, "Shipment");
      }
    },

    async findById(id) {
      const row = await prisma.shipment.findUnique({ where: { id } });
      return row === null ? undefined : toShipment(row);
    },

    async list(request) {
      const rows = await prisma.shipment.findMany(pageQuery(request));
      return rows.map(toShipment);
    },

    async update(id, version, changes, now) {
      try {
        const row = await prisma.shipment.update({
          where: { id, version },
          data: {
            ...changes,
            updatedAt: now,
            version: { increment: 1 },
          },
        });
        return toShipment(row);
      } catch (error) {
        throw await translateUpdateError(error, { entity: "Shipment", id, version }, () =>
          prisma.shipment.count({ where: { id } }),
        );
      }
    },

    async delete(id) {
      try {
        await prisma.shipment.delete({ where: { id } });
      } catch (error) {
        throw translateDeleteError(error, "Shipment", id);
      }
    },
  };
}
