// The product repository port: what the service needs from storage, in the domain's terms.
// The Prisma and the in-memory repositories implement it, and both pass the one contract suite
// (product.repository.contract.ts).
import type { PageRequest } from "../../platform/pagination.js";
import type { NewProduct, Product, ProductChanges } from "./product.js";

export interface ProductRepository {
  /** Throws CONFLICT on a unique violation, BAD_REQUEST when a referenced record does not exist. */
  create(data: NewProduct, now: Date): Promise<Product>;
  findById(id: string): Promise<Product | undefined>;
  /** Up to `limit` products after `after`, ordered by createdAt, then id. */
  list(request: PageRequest): Promise<Product[]>;
  /**
   * Applies the changes if the product is still at `version`: NOT_FOUND or
   * CONFLICT otherwise.
   */
  update(id: string, version: number, changes: ProductChanges, now: Date): Promise<Product>;
  /** Throws NOT_FOUND, or CONFLICT while other records reference it. */
  delete(id: string): Promise<void>;
}
