import { describe, it } from "vitest";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { orderLineMemoryStore, orderLinePrismaStore } from "./order-line.builder.js";
import { orderLineRepositoryContract } from "./order-line.repository.contract.js";

describe("the in-memory order line repository", () => {
  orderLineRepositoryContract(() => Promise.resolve(orderLineMemoryStore()));
});

describe.each(databaseKinds)("the Prisma order line repository on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  orderLineRepositoryContract(async () => orderLinePrismaStore((await testDatabase(kind)).prisma));
});
