// Test data for products. Builders give valid values that differ on every call; tests
// override only what they are about. prepareNewProduct and createProduct also create
// the records a product must reference, through the store's repositories.
import type { PrismaClient } from "../../generated/prisma/client.js";
import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import type { NewProduct, Product } from "./product.js";
import type { ProductRepository } from "./product.repository.js";
import { createProductMemoryRepository } from "./product.repository.memory.js";
import { createProductPrismaRepository } from "./product.repository.prisma.js";

let sequence = 0;

/** A valid new product. Its references point nowhere: prepareNewProduct fills them. */
export function buildNewProduct(overrides: Partial<NewProduct> = {}): NewProduct {
  sequence += 1;
  const n = sequence;
  return {
    sku: `sku ${String(n)}`,
    name: `name ${String(n)}`,
    description: `description ${String(n)}`,
    price: `${String(n % 1000000)}.25`,
    stock: n,
    status: "DRAFT",
    ...overrides,
  };
}

/** The repositories that tests of products use: its own and those of what it references. */
export interface ProductStore {
  productRepository: ProductRepository;
}

export function productMemoryStore(memory: MemoryDatabase = createMemoryDatabase()): ProductStore {
  return {
    productRepository: createProductMemoryRepository(memory),
  };
}

export function productPrismaStore(prisma: PrismaClient): ProductStore {
  return {
    productRepository: createProductPrismaRepository(prisma),
  };
}

/** A valid new product; it references nothing that must exist first. */
export function prepareNewProduct(
  _store: ProductStore,
  overrides: Partial<NewProduct> = {},
): Promise<NewProduct> {
  return Promise.resolve(buildNewProduct(overrides));
}

/** A stored product, created through the store's repository. */
export async function createProduct(
  store: ProductStore,
  overrides: Partial<NewProduct> = {},
): Promise<Product> {
  return store.productRepository.create(await prepareNewProduct(store, overrides), new Date());
}
