import { describe, it } from "vitest";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { customerMemoryStore, customerPrismaStore } from "./customer.builder.js";
import { customerRepositoryContract } from "./customer.repository.contract.js";

describe("the in-memory customer repository", () => {
  customerRepositoryContract(() => Promise.resolve(customerMemoryStore()));
});

describe.each(databaseKinds)("the Prisma customer repository on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  customerRepositoryContract(async () => customerPrismaStore((await testDatabase(kind)).prisma));
});
