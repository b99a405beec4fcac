import { describe, it } from "vitest";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { shipmentMemoryStore, shipmentPrismaStore } from "./shipment.builder.js";
import { shipmentRepositoryContract } from "./shipment.repository.contract.js";

describe("the in-memory shipment repository", () => {
  shipmentRepositoryContract(() => Promise.resolve(shipmentMemoryStore()));
});

describe.each(databaseKinds)("the Prisma shipment repository on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  shipmentRepositoryContract(async () => shipmentPrismaStore((await testDatabase(kind)).prisma));
});
