// The order line repository port: what the service needs from storage, in the domain's terms.
// The Prisma and the in-memory repositories implement it, and both pass the one contract suite
// (order-line.repository.contract.ts).
import type { PageRequest } from "../../platform/pagination.js";
import type { NewOrderLine, OrderLine, OrderLineChanges } from "./order-line.js";

export interface OrderLineRepository {
  /** Throws CONFLICT on a unique violation, BAD_REQUEST when a referenced record does not exist. */
  create(data: NewOrderLine, now: Date): Promise<OrderLine>;
  findById(id: string): Promise<OrderLine | undefined>;
  /** Up to `limit` order lines after `after`, ordered by createdAt, then id. */
  list(request: PageRequest): Promise<OrderLine[]>;
  /**
   * Applies the changes if the order line is still at `version`: NOT_FOUND or
   * CONFLICT otherwise.
   */
  update(id: string, version: number, changes: OrderLineChanges, now: Date): Promise<OrderLine>;
  /** Throws NOT_FOUND, or CONFLICT while other records reference it. */
  delete(id: string): Promise<void>;
}
