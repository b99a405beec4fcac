import { describe, it } from "vitest";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { productMemoryStore, productPrismaStore } from "./product.builder.js";
import { productRepositoryContract } from "./product.repository.contract.js";

describe("the in-memory product repository", () => {
  productRepositoryContract(() => Promise.resolve(productMemoryStore()));
});

describe.each(databaseKinds)("the Prisma product repository on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  productRepositoryContract(async () => productPrismaStore((await testDatabase(kind)).prisma));
});
