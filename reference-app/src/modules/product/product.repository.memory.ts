import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import { createMemoryRepository } from "../../platform/memory-repository.js";
import type { NewProduct, Product, ProductChanges } from "./product.js";
import type { ProductRepository } from "./product.repository.js";

/**
 * In-memory products, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createProductMemoryRepository(
  memory: MemoryDatabase = createMemoryDatabase(),
): ProductRepository {
  return createMemoryRepository<Product, NewProduct, ProductChanges>(memory, {
    name: "Product",
    nullable: ["description"],
    unique: ["sku"],
  });
}
