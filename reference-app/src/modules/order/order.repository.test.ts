import { describe, it } from "vitest";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { orderMemoryStore, orderPrismaStore } from "./order.builder.js";
import { orderRepositoryContract } from "./order.repository.contract.js";

describe("the in-memory order repository", () => {
  orderRepositoryContract(() => Promise.resolve(orderMemoryStore()));
});

describe.each(databaseKinds)("the Prisma order repository on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  orderRepositoryContract(async () => orderPrismaStore((await testDatabase(kind)).prisma));
});
